import { Drawer, Tabs } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { on } from '../../../api/client';
import { useProcedure } from '../../../api/hooks';
import { QueryView } from '../../../app/feedback';
import { useCan } from '../../../app/permissions';
import { useI18n } from '../../../i18n';
import { useResidentDrawer } from '../common';
import { residentQueries } from '../LifecycleDialogs';
import { IncidentsTab } from '../IncidentsTab';
import { CardTitle, CardActions } from './CardHeader';
import { ProfileTab } from './ProfileTab';
import { ContactsTab } from './ContactsTab';
import { AssessmentsTab } from './AssessmentsTab';
import { RisksTab } from './RisksTab';
import { HistoryTab, LeaveTab } from './HistoryTab';
import { AttachmentsTab } from './AttachmentsTab';

/**
 * Refreshes what residents screens show when another computer changes a resident, a bed or the
 * settings (the core's events), so an open card or board is never stale. Events come in bursts (a
 * mapping change re-derives every resident), hence one refresh per quiet 300 ms.
 */
function useResidentsLiveRefresh() {
  const client = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        for (const key of [...residentQueries, 'incidents.list', 'residents.getConfig'])
          void client.invalidateQueries({ queryKey: [key] });
      }, 300);
    };
    const offs = [
      on('residents.changed', refresh),
      on('residents.careCategoryChanged', refresh),
      on('residents.careGradeChanged', refresh),
      on('beds.changed', refresh),
    ];
    return () => {
      clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [client]);
}

/** Put on any page that can open a resident: it shows the card named in the address. */
export function ResidentDrawerHost() {
  useResidentsLiveRefresh();
  const drawer = useResidentDrawer();
  if (drawer.residentId === null) return null;
  return (
    <ResidentCard
      key={drawer.residentId}
      residentId={drawer.residentId}
      tab={drawer.tab}
      onTab={drawer.setTab}
      onClose={drawer.close}
    />
  );
}

export function ResidentCard({
  residentId,
  tab,
  onTab,
  onClose,
}: {
  residentId: number;
  tab: string;
  onTab: (tab: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const query = useProcedure('residents.get', { id: residentId });
  const r = query.data;
  const can = useCan();
  // A tab whose records the user may not read is not offered; its address opens the profile instead.
  const tabs = (
    [
      ['profile', t('基本信息', 'Profile'), ProfileTab, null],
      ['contacts', t('联系人', 'Contacts'), ContactsTab, null],
      ['assessments', t('评估', 'Assessments'), AssessmentsTab, 'assessments.history'],
      ['risks', t('风险', 'Risks'), RisksTab, null],
      ['incidents', t('事件', 'Incidents'), IncidentsTab, 'incidents.list'],
      ['beds', t('床位记录', 'Bed history'), HistoryTab, 'residents.history'],
      ['leave', t('请假', 'Leave'), LeaveTab, 'residents.history'],
      ['attachments', t('附件', 'Attachments'), AttachmentsTab, 'residents.listAttachments'],
    ] as const
  ).filter(([, , , procedure]) => procedure === null || can(procedure));
  const activeKey = tabs.some(([key]) => key === tab) ? tab : 'profile';
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      styles={{ wrapper: { width: 'min(1100px, 92vw)' } }}
      title={r ? <CardTitle resident={r} /> : t('老人档案', 'Resident')}
      extra={r ? <CardActions resident={r} /> : null}
      destroyOnHidden
    >
      <QueryView query={query}>
        {(resident) => (
          <Tabs
            activeKey={activeKey}
            onChange={onTab}
            items={tabs.map(([key, label, Tab]) => ({ key, label, children: <Tab resident={resident} /> }))}
          />
        )}
      </QueryView>
    </Drawer>
  );
}
