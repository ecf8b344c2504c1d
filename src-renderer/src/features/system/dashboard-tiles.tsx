import type { ComponentType } from 'react';

/** Modules add their dashboard tiles here (active calls, occupancy, overdue patrols…). */
export const dashboardTiles: ComponentType[] = [];
