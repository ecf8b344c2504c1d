import { DeleteOutlined, FormOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type { AdmissionDraft } from '../../../../src-main/shared/contract/residents';
import { useMutate, useProcedure } from '../../api/hooks';
import { LoadingState, QueryView } from '../../app/feedback';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { AdmissionWizard, asWizardData } from './AdmissionWizard';
import { ActionButton } from '../../app/permissions';

const stepNames = ['基本资料', '能力评估', '九防评估', '床位', '合同', '确认'];

/**
 * 入住办理: start a new admission or resume a draft. The address says which (`?new=1`,
 * `?draft=3`, `?admit=12` for someone already on file), so the back button leaves the wizard.
 */
export function AdmissionPage() {
  const [params, setParams] = useSearchParams();
  const draftId = Number(params.get('draft') ?? '') || null;
  const admitId = Number(params.get('admit') ?? '') || null;
  const isNew = params.get('new') === '1';
  const bedId = Number(params.get('bed') ?? '') || undefined;
  const exit = () => setParams({});
  if (draftId) return <ResumeDraft draftId={draftId} onExit={exit} />;
  if (admitId) return <AdmitExisting residentId={admitId} onExit={exit} />;
  if (isNew)
    return (
      <AdmissionWizard
        key="new"
        draftId={null}
        initialStep={0}
        initialData={{ residentId: null, ...(bedId ? { bedId } : {}) }}
        resident={null}
        onExit={exit}
      />
    );
  return (
    <DraftsList onStart={() => setParams({ new: '1' })} onResume={(id) => setParams({ draft: String(id) })} />
  );
}

function ResumeDraft({ draftId, onExit }: { draftId: number; onExit: () => void }) {
  const drafts = useProcedure('admissions.listDrafts', {}, { staleTime: Infinity });
  return (
    <QueryView query={drafts}>
      {(rows) => {
        const draft = rows.find((d) => d.id === draftId);
        if (!draft) return <MissingDraft onExit={onExit} />;
        return <DraftWizard draft={draft} onExit={onExit} />;
      }}
    </QueryView>
  );
}

function DraftWizard({ draft, onExit }: { draft: AdmissionDraft; onExit: () => void }) {
  const data = asWizardData(draft.data);
  const resident = useProcedure(
    'residents.get',
    { id: data.residentId ?? 0 },
    { enabled: data.residentId !== null },
  );
  if (data.residentId !== null && resident.isPending) return <LoadingState />;
  return (
    <AdmissionWizard
      key={draft.id}
      draftId={draft.id}
      initialStep={Math.min(draft.step, 5)}
      initialData={data}
      resident={resident.data ?? null}
      onExit={onExit}
    />
  );
}

function MissingDraft({ onExit }: { onExit: () => void }) {
  const { t } = useI18n();
  return (
    <Card>
      <Typography.Paragraph>
        {t('这份草稿已经办完或被删除了。', 'This draft was finished or deleted.')}
      </Typography.Paragraph>
      <Button type="primary" onClick={onExit}>
        {t('返回入住办理', 'Back to admissions')}
      </Button>
    </Card>
  );
}

function AdmitExisting({ residentId, onExit }: { residentId: number; onExit: () => void }) {
  const resident = useProcedure('residents.get', { id: residentId });
  return (
    <QueryView query={resident}>
      {(r) => (
        <AdmissionWizard
          key={`admit-${r.id}`}
          draftId={null}
          initialStep={0}
          initialData={{ residentId: r.id }}
          resident={r}
          onExit={onExit}
        />
      )}
    </QueryView>
  );
}

function DraftsList({ onStart, onResume }: { onStart: () => void; onResume: (id: number) => void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const drafts = useProcedure('admissions.listDrafts', {});
  const remove = useMutate('admissions.deleteDraft', ['admissions.listDrafts']);
  return (
    <Card
      title={t('入住办理', 'Admissions')}
      extra={
        <ActionButton
          procedure="residents.admit"
          type="primary"
          size="large"
          icon={<UserAddOutlined />}
          onClick={onStart}
        >
          {t('新办理入住', 'New admission')}
        </ActionButton>
      }
    >
      <Typography.Paragraph type="secondary">
        {t(
          '入住分六步：基本资料 → 能力评估 → 九防评估 → 床位 → 合同 → 确认。每一步都会自动保存草稿，中途离开也可以从下面继续。',
          'Six steps; each is saved as a draft you can resume below.',
        )}
      </Typography.Paragraph>
      <QueryView query={drafts}>
        {(rows) => (
          <Table<AdmissionDraft>
            rowKey="id"
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('没有未办完的入住 — 点右上角「新办理入住」开始', 'No drafts') }}
            columns={[
              {
                title: t('老人', 'Resident'),
                render: (_v, d) => d.residentName || t('（未填姓名）', '(no name yet)'),
              },
              {
                title: t('进行到', 'Step'),
                render: (_v, d) => t(`第 ${d.step + 1} 步：${stepNames[d.step] ?? ''}`, `Step ${d.step + 1}`),
              },
              {
                title: t('最后保存', 'Saved'),
                render: (_v, d) => `${formatDateTime(d.updatedAt)} ${d.updatedBy ?? ''}`,
              },
              {
                title: t('操作', 'Actions'),
                render: (_v, d) => (
                  <Space>
                    <ActionButton
                      procedure="residents.admit"
                      type="primary"
                      icon={<FormOutlined />}
                      onClick={() => onResume(d.id)}
                    >
                      {t('继续办理', 'Resume')}
                    </ActionButton>
                    <ActionButton
                      procedure="admissions.deleteDraft"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() =>
                        modal.confirm({
                          title: t(
                            `确认删除「${d.residentName || '未填姓名'}」的入住草稿？`,
                            'Delete this draft?',
                          ),
                          content: t(
                            '已建立的老人档案和已保存的评估不会被删除。',
                            'The record and saved assessments stay.',
                          ),
                          okText: t('删除', 'Delete'),
                          okButtonProps: { danger: true },
                          cancelText: t('取消', 'Cancel'),
                          onOk: () =>
                            remove
                              .mutateAsync({ id: d.id })
                              .catch((e: Error) => void message.error(e.message)),
                        })
                      }
                    >
                      {t('删除', 'Delete')}
                    </ActionButton>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
