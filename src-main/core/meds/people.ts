import { AppError, fieldError } from '../../shared/errors';
import { hasPermission } from '../../shared/roles';
import type { AuthService } from '../auth/service';
import type { ResidentsModule } from '../residents/service';

export interface ResidentInfo {
  id: number;
  name: string;
  bed: string;
  /** `1号楼 3层`: the round a nurse walks. */
  area: string;
  building: string;
  status: string;
}

/** Residents who may have medicines: from the waiting list to on leave, not after discharge. */
const current = ['waiting', 'reserved', 'admitted', 'onLeave'] as const;

/** Residents and staff as the medication screens need them, through their modules' services. */
export function createPeople(deps: {
  residents: ResidentsModule | undefined;
  auth: AuthService;
  remember<T>(key: string, load: () => T): T;
}) {
  const { residents, auth } = deps;

  /** Kept until the next write: the MAR and every alert provider of one request share one read. */
  function residentsNow(now: Date): Map<number, ResidentInfo> {
    return deps.remember('meds.residents', () => loadResidents(now));
  }

  function loadResidents(now: Date): Map<number, ResidentInfo> {
    const out = new Map<number, ResidentInfo>();
    if (!residents) return out;
    const beds = residents.facilities.bedsById();
    for (const r of residents.records.listAll({ statuses: [...current] }, { now })) {
      const floor = r.bed ? (beds.get(r.bed.id)?.floor ?? null) : null;
      const building = r.bed?.buildingName ?? '';
      out.set(r.id, {
        id: r.id,
        name: r.name,
        bed: r.bed ? `${building} ${r.bed.label}床` : '未分配床位',
        area: r.bed ? `${building} ${floor ?? ''}层` : '未分配床位',
        building,
        status: r.status,
      });
    }
    return out;
  }

  /** One resident, current or not (orders of a discharged resident still name them). */
  function resident(id: number): ResidentInfo {
    const row = residents?.records.findRow(id);
    if (!row || row.status === 'purged') throw new AppError('NOT_FOUND', '找不到这位老人，请刷新后重试');
    const bed = row.bed_id === null ? null : residents!.facilities.findBed(row.bed_id);
    return {
      id,
      name: row.name,
      bed: bed ? `${bed.buildingName} ${bed.label}床` : '未分配床位',
      area: bed ? `${bed.buildingName} ${bed.floor}层` : '未分配床位',
      building: bed?.buildingName ?? '',
      status: row.status,
    };
  }

  function requireCurrentResident(id: number): ResidentInfo {
    const r = resident(id);
    if (!(current as readonly string[]).includes(r.status))
      throw new AppError('PRECONDITION', `${r.name} 已退住，不能再开医嘱或代管药品`);
    return r;
  }

  /** Active users allowed to give medicines. */
  function giversOfMedicine(): Array<{ id: number; name: string }> {
    return auth.usersWithPermission('meds.administer');
  }

  /**
   * The second person: another active user allowed to give medicines. `field` names the input field
   * in the message so the form can point at it.
   */
  function checkWitness(
    witnessId: number | null | undefined,
    callerId: number,
    what: string,
    field = 'witnessId',
  ): number {
    if (witnessId == null) throw fieldError(field, `${what}需要第二个人核对签名，请选择核对人`);
    if (witnessId === callerId) throw fieldError(field, '核对人不能是自己，请另一位有给药权限的同事核对');
    // The common case (a colleague who may give medicines) costs one read of the users.
    if (giversOfMedicine().some((u) => u.id === witnessId)) return witnessId;
    const user = auth.listUsers().find((u) => u.id === witnessId);
    if (!user || user.disabled) throw fieldError(field, '核对人账号不存在或已停用，请另选一位同事');
    throw fieldError(field, `${user.displayName} 没有给药权限，不能作为核对人，请另选一位护士`);
  }

  function names(ids: Iterable<number | null | undefined>): Map<number, string> {
    const list = [...new Set([...ids].filter((i): i is number => typeof i === 'number'))];
    return list.length ? auth.displayNames(list) : new Map();
  }

  const isCurrent = (r: ResidentInfo) => (current as readonly string[]).includes(r.status);

  return {
    residentsNow,
    resident,
    isCurrent,
    requireCurrentResident,
    giversOfMedicine,
    checkWitness,
    names,
    hasPermission,
  };
}

export type People = ReturnType<typeof createPeople>;
