import type { Access } from './contract/define';
import type { EventDecl, EventMapOf, SharedModule } from './module';
import { sharedModules } from './modules';

/** Events pushed from the core to clients, declared by each module with their payloads. */
export type EventMap = EventMapOf<typeof sharedModules>;
export type EventName = keyof EventMap & string;
/** Distributes over the names, so checking `name` narrows `payload`. */
export type EventEnvelope<K extends EventName = EventName> = K extends EventName
  ? { name: K; payload: EventMap[K]; at: string }
  : never;

/** Who may hear each event; transports check it for every client before delivering. */
export const eventAccess = Object.fromEntries(
  (sharedModules as readonly SharedModule[]).flatMap((m) =>
    Object.entries(m.events as Record<string, EventDecl>).map(([name, decl]) => [name, decl.access]),
  ),
) as Record<EventName, Access>;
