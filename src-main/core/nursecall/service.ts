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
  const analytics = createCallAnalytics({ sql, config, timeZone });
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
