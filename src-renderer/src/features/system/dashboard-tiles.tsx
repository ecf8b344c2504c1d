import type { ComponentType } from 'react';
import { NurseCallTile } from '../nursecall/NurseCallTile';
import { OccupancyTile } from '../residents/OccupancyTile';

/** Modules add their dashboard tiles here (active calls, occupancy, overdue patrols…). */
export const dashboardTiles: ComponentType[] = [NurseCallTile, OccupancyTile];
