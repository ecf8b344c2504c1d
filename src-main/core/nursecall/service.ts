import type { WritePath } from '../api/write-path';
import type { AuthService } from '../auth/service';
import type { Clock } from '../clock';
import type { Sql } from '../db/sql';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import { createAddressBook } from './addresses';
import { createCallAnalytics } from './analytics';
import { createCallService } from './calls';
import { createNurseCallConfig } from './config';
import { noLocations, type LocationReader } from './locations';
import { createPortManager, type PortManagerDeps } from './port-manager';
import { createPortConfigs } from './ports';
import { reportInChildProcess, type ReportJob } from './report-child';
import type { NurseCallTables } from './tables';

export interface NurseCallModuleDeps {
  sql: Sql<NurseCallTables>;
  writes: WritePath;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  auth: AuthService;
  timeZone: () => string;
  /** Beds, rooms and residents; app.ts adapts the residents module. */
  locations?: LocationReader;
  /** Overrides for tests: reconnect timing, wire clock. */
  ports?: Pick<PortManagerDeps, 'retryDelaysMs' | 'monotonicMs'>;
}

const ESCALATION_CHECK_MS = 1000;
/** Analytics over this many days or more run in a process of their own. */
const OWN_PROCESS_DAYS = 14;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** Builds the nurse-call services. Nothing touches a port or a timer until `start()`. */
export function createNurseCallModule(deps: NurseCallModuleDeps) {
  const { sql, writes, events, clock, logger, auth, timeZone } = deps;
  const locations = deps.locations ?? noLocations;
  const config = createNurseCallConfig(sql);
  const addresses = createAddressBook({ sql, locations });
  const calls = createCallService({
    sql,
    writes,
    events,
    clock,
    logger,
    auth,
    timeZone,
    config,
    addresses,
    locations,
  });
  const inThread = createCallAnalytics({ sql, config, timeZone });
  /**
   * A quarter's analytics or export reads ~100,000 calls: done in a child process on its own
   * read-only connection, so panels and screens are answered meanwhile. Where none can run
   * (an in-memory database) or it fails, the same code runs here in yielding batches.
   */
  const job = (kind: ReportJob['kind'], range: { from: string; to: string }, now: Date): ReportJob => ({
    kind,
    dbPath: sql.db.memory ? ':memory:' : sql.db.name,
    range: { from: range.from, to: range.to },
    now: now.toISOString(),
    timeZone: timeZone(),
    config: config.get(),
  });
  const fallBack =
    <T>(kind: string, inHere: () => Promise<T>) =>
    (error: unknown) => {
      logger.warn("nurse-call report ran in the app's process: its own process failed", {
        kind,
        error: String(error),
      });
      return inHere();
    };
  const analytics = {
    ...inThread,
    /**
     * Kept until the next write or the next minute (its "still waiting" figures count to now): the
     * dashboard asks for the same week on every visit, ~100 ms each time on a large home.
     */
    analyse(range: { from: string; to: string }, now: Date) {
      const key = `nursecall.analytics:${range.from}:${range.to}`;
      return sql.rememberAsync(
        key,
        () => {
          const here = () => inThread.analyse(range, now);
          // A week is read in about as long as a process takes to start.
          if (daysBetween(range.from, range.to) < OWN_PROCESS_DAYS) return here();
          const off = reportInChildProcess({ ...job('analytics', range, now), kind: 'analytics' }, logger);
          return off ? off.catch(fallBack('analytics', here)) : here();
        },
        now.toISOString().slice(0, 16),
      );
    },
    exportWorkbook(range: { from: string; to: string }, now: Date) {
      const here = () => inThread.exportWorkbook(range, now);
      const off = reportInChildProcess({ ...job('export', range, now), kind: 'export' }, logger);
      return off ? off.catch(fallBack('export', here)) : here();
    },
  };
  const portConfigs = createPortConfigs(sql);
  const ports = createPortManager({
    configs: () => portConfigs.list(),
    onCalls: (portId, decoded) => calls.receive(portId, decoded),
    onStatus: (status) => events.emit('nursecall.portStatus', { status }),
    clock,
    logger,
    ...deps.ports,
  });
  let escalationTimer: NodeJS.Timeout | null = null;

  return {
    config,
    addresses,
    calls,
    analytics,
    portConfigs,
    ports,

    /** Opens the configured ports and starts the escalation check. */
    start(): void {
      ports.start();
      if (escalationTimer) return;
      escalationTimer = setInterval(() => {
        try {
          calls.tick();
        } catch (error) {
          logger.error('nurse-call tick failed', { error: String(error) });
        }
      }, ESCALATION_CHECK_MS);
      escalationTimer.unref();
    },

    get started(): boolean {
      return escalationTimer !== null;
    },

    /** Closes every port and stops the timers; resolves when the ports are closed. */
    stop(): Promise<void> {
      if (escalationTimer) clearInterval(escalationTimer);
      escalationTimer = null;
      return ports.stop();
    },
  };
}

export type NurseCallModule = ReturnType<typeof createNurseCallModule>;
