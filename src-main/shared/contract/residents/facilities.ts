import { z } from 'zod';
import { requiredText, trimmed } from '../../validation';
import { proc } from '../define';
import { type BedBoard, type BedSummary, type BuildingRow, bedKinds, id } from './types';

/** Buildings, rooms and beds. */
export const facilityProcedures = {
  // facilities
  'facilities.buildings': proc<BuildingRow[]>()({
    input: z.object({}).optional(),
    access: 'residents.read',
    write: false,
  }),
  'facilities.saveBuilding': proc<BuildingRow>()({
    input: z.object({ id: id.optional(), name: requiredText(40, '请填写楼栋名称，如：1号楼') }),
    access: 'facilities.manage',
    write: true,
  }),
  /** "Floor 3: rooms 301–320, 2 beds each". Existing rooms are skipped and reported. */
  'beds.bulkCreate': proc<{ roomsCreated: number; bedsCreated: number; skippedRooms: string[] }>()({
    input: z
      .object({
        buildingId: id,
        floor: z.number().int().min(-3, '楼层不能低于 -3').max(99, '楼层不能高于 99'),
        roomFrom: z.number().int().min(1, '房间号应为正整数').max(99999),
        roomTo: z.number().int().min(1, '房间号应为正整数').max(99999),
        bedsPerRoom: z.number().int().min(1, '每间至少 1 张床').max(12, '每间最多 12 张床'),
        roomClass: requiredText(20, '请选择房型'),
        bedKind: z.enum(bedKinds),
      })
      .refine((v) => v.roomTo >= v.roomFrom, { path: ['roomTo'], message: '结束房间号不能小于起始房间号' })
      .refine((v) => v.roomTo - v.roomFrom < 200, { path: ['roomTo'], message: '一次最多创建 200 个房间' }),
    access: 'facilities.manage',
    write: true,
  }),
  'beds.update': proc<BedSummary>()({
    input: z.object({ id, kind: z.enum(bedKinds).optional(), roomClass: trimmed(20).min(1).optional() }),
    access: 'facilities.manage',
    write: true,
  }),
  /** `reason: null` puts the bed back in service. */
  'beds.setOutOfService': proc<BedSummary>()({
    input: z.object({ id, reason: requiredText(100, '请填写停用原因，如：维修').nullable() }),
    access: 'residents.write',
    write: true,
  }),
  /** A bed with history is never deleted, only retired. */
  'beds.retire': proc<BedSummary>()({
    input: z.object({ id, reason: requiredText(100, '请填写撤床原因') }),
    access: 'facilities.manage',
    write: true,
  }),
  'beds.delete': proc<null>()({ input: z.object({ id }), access: 'facilities.manage', write: true }),
  'beds.board': proc<BedBoard>()({
    input: z.object({ buildingId: id.optional() }).optional(),
    access: 'residents.read',
    write: false,
  }),
  /** Beds that can take a resident now (vacant, in service), for pickers. */
  'beds.available': proc<BedSummary[]>()({
    input: z.object({ kind: z.enum(bedKinds).optional() }).optional(),
    access: 'residents.read',
    write: false,
  }),
};
