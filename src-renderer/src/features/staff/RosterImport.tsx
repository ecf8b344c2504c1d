import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { callOrThrow } from '../../api/client';
import { useMutate } from '../../api/hooks';
import { ActionButton } from '../../app/permissions';
import { useI18n } from '../../i18n';
import { fileToBase64 } from '../../lib/files';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { refresh } from './StaffForms';

/**
 * 从 Excel 导入人员花名册: explains the layout (the export's own), offers the export as a template,
 * then reads the chosen file. The core refuses the whole file on any bad row, so nothing half-lands.
 */
export function RosterImportButton() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const importSheet = useMutate('staff.import', [...refresh]);
  const close = () => {
    setProblem(null);
    setOpen(false);
  };
  return (
    <>
      <ActionButton
        procedure="staff.import"
        size="large"
        icon={<UploadOutlined />}
        onClick={() => setOpen(true)}
      >
        {t('从 Excel 导入', 'Import from Excel')}
      </ActionButton>
      <Modal
        open={open}
        title={t('从 Excel 导入人员花名册', 'Import the staff roster from Excel')}
        onCancel={close}
        footer={
          <Button size="large" onClick={close}>
            {t('关闭', 'Close')}
          </Button>
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {t(
              '表格使用“导出 Excel”的格式：第一行为列名，至少要有 姓名、岗位、用工、入职日期（YYYY-MM-DD）；可选 折算全职、电话、证件号码、区域。岗位写中文名称（如 养老护理员、护士），多个岗位用顿号隔开。',
              'Use the layout of the export: 姓名, 岗位, 用工, 入职日期 at least.',
            )}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {t(
              '每一行都会新增为一名员工。已在名册中的人请先从表中删去，以免重复。',
              'Every row adds a staff member; leave out people already on the roster.',
            )}
          </Typography.Text>
          <Space wrap>
            <ExportExcelButton
              size="large"
              procedure="staff.export"
              run={() => callOrThrow('staff.export', {})}
            >
              {t('下载当前名册作为模板', 'Download the roster as a template')}
            </ExportExcelButton>
            <Button
              size="large"
              type="primary"
              icon={<UploadOutlined />}
              loading={importSheet.isPending}
              data-procedure="staff.import"
              data-testid="roster-import-pick"
              onClick={() => input.current?.click()}
            >
              {t('选择 Excel 文件并导入', 'Choose a file and import')}
            </Button>
          </Space>
          <input
            ref={input}
            type="file"
            accept=".xlsx"
            data-testid="roster-import-file"
            style={{ display: 'none' }}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              setProblem(null);
              try {
                const done = await importSheet.mutateAsync({ base64: await fileToBase64(file) });
                void message.success(t(`已导入 ${done.created} 名员工`, `Imported ${done.created}`));
                close();
              } catch (error) {
                setProblem((error as Error).message);
              }
            }}
          />
          {problem && (
            <Alert type="error" showIcon title={t('没有导入', 'Not imported')} description={problem} />
          )}
        </Space>
      </Modal>
    </>
  );
}
