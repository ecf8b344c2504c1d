import { CloudUploadOutlined, EyeOutlined, FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Input,
  Modal,
  Segmented,
  Space,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { SummaryKind } from '../../../../src-main/shared/contract/regulator';
import { ApiError } from '../../api/client';
import { useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton, useCan } from '../../app/permissions';
import { useI18n } from '../../i18n';
import { downloadBase64 } from '../../lib/files';
import { defaultPeriod, formatTime } from './format';
import { OutboxTable } from './OutboxTable';
import { RegulatorSettings } from './RegulatorSettings';
import { SummaryPreview } from './SummaryPreview';
import { summaryDocument } from './summary-document';
import { PrintButton } from '../print/PrintButton';

/** 上报 → 监管上报: what goes to the provincial platform, when, and whether it arrived. */
export function RegulatorPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const config = useProcedure('regulator.getConfig', {});
  const outbox = useProcedure(
    'regulator.outbox',
    {},
    // While something is on its way, the table follows it.
    {
      refetchInterval: (q) =>
        q.state.data?.some((r) => r.status === 'queued' || r.status === 'sending') ? 3000 : false,
    },
  );
  const [kind, setKind] = useState<SummaryKind>('monthly');
  const [period, setPeriod] = useState(defaultPeriod('monthly'));
  const [shown, setShown] = useState<{ kind: SummaryKind; period: string } | null>(null);
  const [reasonFor, setReasonFor] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const send = useMutate('regulator.send', ['regulator.outbox', 'alerts.list']);
  const exportFile = useMutate('regulator.exportFile');

  async function sendNow(withReason?: string) {
    try {
      await send.mutateAsync({ kind, period, ...(withReason ? { reason: withReason } : {}) });
      setReasonFor(null);
      setReason('');
      void message.success(t('已加入发件箱，正在发送', 'Queued; sending'));
    } catch (error) {
      const needsReason =
        error instanceof ApiError && error.data.details?.fieldErrors?.some((f) => f.path === 'reason');
      if (needsReason && !withReason) setReasonFor((error as Error).message);
      else void message.error((error as Error).message, 8);
    }
  }

  async function download() {
    try {
      const files = await exportFile.mutateAsync({ kind, period });
      downloadBase64(files.json);
      downloadBase64(files.excel);
      void message.success(t('已导出 JSON 和 Excel 两个文件', 'Exported JSON and Excel'));
    } catch (error) {
      void message.error((error as Error).message, 8);
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <QueryView query={config}>
        {(c) => (
          <Card title={t('监管上报', 'Regulator upload')}>
            {!c.endpoint || !c.secretSet ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('还没有设置平台接口', 'The platform is not set up')}
                description={t(
                  '在下方“接口设置”中填写平台地址、机构编码和密钥；没有接口的省份，可用“导出文件”手工上报。',
                  'Fill in the settings below, or export a file for manual upload.',
                )}
              />
            ) : null}
            <Descriptions size="middle" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('平台地址', 'Platform')}>{c.endpoint || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('下次日报', 'Next daily')}>
                {c.next.daily ? formatTime(c.next.daily) : t('未启用', 'Off')}
              </Descriptions.Item>
              <Descriptions.Item label={t('下次月报', 'Next monthly')}>
                {c.next.monthly ? formatTime(c.next.monthly) : t('未启用', 'Off')}
              </Descriptions.Item>
            </Descriptions>
            <Space wrap size="middle" style={{ marginTop: 8 }}>
              <Segmented
                size="large"
                value={kind}
                onChange={(v) => {
                  setKind(v as SummaryKind);
                  setPeriod(defaultPeriod(v as SummaryKind));
                }}
                options={[
                  { value: 'monthly', label: t('月报', 'Monthly') },
                  { value: 'daily', label: t('日报', 'Daily') },
                ]}
              />
              <DatePicker
                size="large"
                allowClear={false}
                aria-label={t('期间', 'Period')}
                picker={kind === 'monthly' ? 'month' : 'date'}
                value={dayjs(period)}
                onChange={(d) => d && setPeriod(d.format(kind === 'monthly' ? 'YYYY-MM' : 'YYYY-MM-DD'))}
              />
              <Button size="large" icon={<EyeOutlined />} onClick={() => setShown({ kind, period })}>
                {t('预览', 'Preview')}
              </Button>
              <ActionButton
                size="large"
                type="primary"
                procedure="regulator.send"
                icon={<CloudUploadOutlined />}
                loading={send.isPending}
                onClick={() => void sendNow()}
              >
                {t('立即上报', 'Send now')}
              </ActionButton>
              <ActionButton
                size="large"
                procedure="regulator.exportFile"
                icon={<FileExcelOutlined />}
                loading={exportFile.isPending}
                onClick={() => void download()}
              >
                {t('导出文件', 'Export file')}
              </ActionButton>
            </Space>
          </Card>
        )}
      </QueryView>

      <Card
        title={t('发件箱', 'Outbox')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void outbox.refetch()}>
            {t('刷新', 'Refresh')}
          </Button>
        }
      >
        <OutboxTable rows={outbox.data ?? []} loading={outbox.isLoading} />
      </Card>

      {shown && <PreviewCard kind={shown.kind} period={shown.period} />}

      {can('regulator.updateConfig') && config.data && (
        <Card title={t('接口设置', 'Platform settings')}>
          <RegulatorSettings config={config.data} />
        </Card>
      )}

      <Modal
        open={reasonFor !== null}
        title={t(`再次上报 ${period}`, `Send ${period} again`)}
        okText={t('作为更正版本上报', 'Send as a correction')}
        okButtonProps={{ disabled: reason.trim() === '', loading: send.isPending }}
        onOk={() => void sendNow(reason.trim())}
        onCancel={() => setReasonFor(null)}
      >
        <Typography.Paragraph>{reasonFor}</Typography.Paragraph>
        <Input.TextArea
          aria-label={t('更正原因', 'Reason')}
          rows={3}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('例如：10 月退住人数漏记一人', 'Why it is sent again')}
        />
      </Modal>
    </Space>
  );
}

function PreviewCard({ kind, period }: { kind: SummaryKind; period: string }) {
  const { t } = useI18n();
  const preview = useProcedure('regulator.preview', { kind, period });
  return (
    <Card
      title={t(`预览：${kind === 'monthly' ? '月报' : '日报'} ${period}`, `Preview ${period}`)}
      extra={<PrintButton load={summaryDocument(kind, period)} />}
    >
      <QueryView query={preview}>{(doc) => <SummaryPreview doc={doc} />}</QueryView>
    </Card>
  );
}
