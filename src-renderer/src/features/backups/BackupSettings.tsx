import { App, Button, Card, Form, Input, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { BackupOverview } from '../../../../src-main/shared/contract/backups';
import { applyFieldErrors, useMutate } from '../../api/hooks';
import { useI18n } from '../../i18n';

interface Values {
  dailyAt: Dayjs;
  secondFolder: string;
}

/** When the daily backup runs, and the second place (USB disk or network share) it is copied to. */
export function BackupSettings({ overview }: { overview: BackupOverview }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useMutate('backups.configure', ['backups.list', 'scheduler.jobs']);

  useEffect(() => {
    form.setFieldsValue({ dailyAt: dayjs(overview.dailyAt, 'HH:mm'), secondFolder: overview.secondFolder });
  }, [form, overview.dailyAt, overview.secondFolder]);

  async function submit(values: Values) {
    try {
      await save.mutateAsync({
        dailyAt: values.dailyAt.format('HH:mm'),
        secondFolder: values.secondFolder ?? '',
      });
      void message.success(t('备份设置已保存', 'Backup settings saved'));
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message);
    }
  }

  return (
    <Card title={t('备份设置', 'Backup settings')}>
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={(v) => void submit(v)}
        style={{ maxWidth: 640 }}
      >
        <Form.Item
          name="dailyAt"
          label={t('每天自动备份的时间', 'Daily backup time')}
          rules={[{ required: true, message: t('请选择时间', 'Choose a time') }]}
          extra={t(
            '选一个电脑开着、很少有人录入的时间，例如凌晨 2 点。电脑关着时错过的备份，会在下次开机后补做一次。',
            'Pick a time when the computer is on and quiet. A missed backup is made once the computer is back on.',
          )}
        >
          <TimePicker format="HH:mm" minuteStep={5} allowClear={false} needConfirm={false} />
        </Form.Item>
        <Form.Item
          name="secondFolder"
          label={t('第二个备份位置（U 盘或网络共享）', 'Second backup folder (USB disk or network share)')}
          extra={t(
            '每次备份后自动再复制一份到这里。电脑硬盘坏了、被盗或中了病毒时，靠它找回数据。填插在这台电脑上的 U 盘或移动硬盘上的文件夹（例如 E:\\CareDesk备份），或网络共享（NAS）上的文件夹（例如 \\\\NAS\\共享\\CareDesk备份）。留空表示不复制。',
            'Each backup is also copied here, so a broken, stolen or infected computer does not take the data with it. A folder on a USB disk (E:\\CareDesk backups) or a network share (\\\\NAS\\share\\CareDesk). Leave empty for no copy.',
          )}
        >
          <Input placeholder="E:\CareDesk备份" allowClear />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('保存设置', 'Save settings')}
        </Button>
      </Form>
    </Card>
  );
}
