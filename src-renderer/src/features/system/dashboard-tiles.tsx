import type { ComponentType } from 'react';
import { OccupancyTile } from '../residents/OccupancyTile';

/** Modules add their dashboard tiles here (active calls, occupancy, overdue patrols…). */
export const dashboardTiles: ComponentType[] = [OccupancyTile];
