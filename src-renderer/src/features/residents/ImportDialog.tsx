import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Radio, Result, Space, Spin, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type {
  FileDownload,
  ImportProblem,
  ImportReport,
} from '../../../../src-main/shared/contract/residents';
import { callOrThrow } from '../../api/client';
import { useMutate } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { downloadBase64, fileToBase64 } from '../../lib/files';
import { residentQueries } from './LifecycleDialogs';

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Stage =
  | { kind: 'pick' }
  | { kind: 'checking'; fileName: string }
  | { kind: 'report'; fileName: string; base64: string; report: ImportReport }
  | { kind: 'done'; imported: number; report: ImportReport; rejected: FileDownload | null };

/**
 * Excel import of an existing resident ledger: every row is checked first and problems are listed
 * by row and column; nothing is written until the user chooses how to import.
 */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const [mode, setMode] = useState<'allOrNothing' | 'validOnly'>('allOrNothing');
  const commit = useMutate('residents.importCommit', residentQueries);

  function close() {
    setStage({ kind: 'pick' });
    setMode('allOrNothing');
    onClose();
  }

  async function template() {
    try {
      const file = await callOrThrow('residents.importTemplate', {});
      downloadBase64({ ...file, mimeType: xlsxMime });
    } catch (error) {
      void message.error((error as Error).message);
    }
  }

  async function check(file: File) {
    if (!/\.xlsx$/i.test(file.name)) {
      void message.error(
        t('请选择 .xlsx 格式的 Excel 文件（旧版 .xls 请先另存为 .xlsx）', 'Choose an .xlsx file'),
      );
      return;
    }
    setStage({ kind: 'checking', fileName: file.name });
    try {
      const base64 = await fileToBase64(file);
      const report = await callOrThrow('residents.importCheck', { base64 });
      setMode(report.problems.length === 0 ? 'allOrNothing' : 'validOnly');
      setStage({ kind: 'report', fileName: file.name, base64, report });
    } catch (error) {
      void message.error((error as Error).message, 8);
      setStage({ kind: 'pick' });
    }
  }

  async function run() {
    if (stage.kind !== 'report') return;
    try {
      const r = await commit.mutateAsync({ base64: stage.base64, mode });
      setStage({ kind: 'done', imported: r.imported, report: r, rejected: r.rejectedRowsFile });
    } catch (error) {
      void message.error((error as Error).message, 8);
    }
  }

  const footer =
    stage.kind === 'report'
      ? [
          <Button key="again" onClick={() => setStage({ kind: 'pick' })}>
            {t('重新选择文件', 'Choose another file')}
          </Button>,
          <Button
            key="go"
            type="primary"
            loading={commit.isPending}
            disabled={
              stage.report.validRows === 0 || (mode === 'allOrNothing' && stage.report.problems.length > 0)
            }
            onClick={() => void run()}
          >
            {mode === 'allOrNothing'
              ? t(`导入全部 ${stage.report.validRows} 人`, `Import all ${stage.report.validRows}`)
              : t(
                  `只导入无误的 ${stage.report.validRows} 人`,
                  `Import the ${stage.report.validRows} valid rows`,
                )}
          </Button>,
        ]
      : [
          <Button key="close" onClick={close}>
            {stage.kind === 'done' ? t('完成', 'Done') : t('取消', 'Cancel')}
          </Button>,
        ];

  return (
    <Modal
      open={open}
      title={t('从 Excel 导入老人名单', 'Import residents from Excel')}
      width={860}
      onCancel={close}
      footer={footer}
      destroyOnHidden
    >
      {stage.kind === 'pick' && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph>
            {t(
              '1. 先下载模板，按表头填写（每行一位老人）。',
              '1. Download the template and fill one resident per row.',
            )}
            <Button type="link" icon={<DownloadOutlined />} onClick={() => void template()}>
              {t('下载导入模板', 'Download template')}
            </Button>
          </Typography.Paragraph>
          <Typography.Paragraph>
            {t(
              '2. 选择填好的文件，系统会逐行检查，先不导入。',
              '2. Pick the file; every row is checked before anything is imported.',
            )}
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              void check(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('点击选择或把 Excel 文件拖到这里', 'Click or drop an Excel file here')}</p>
          </Upload.Dragger>
        </Space>
      )}
      {stage.kind === 'checking' && (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin size="large" />
          <div style={{ marginTop: 16 }}>
            {t(`正在逐行检查「${stage.fileName}」…`, `Checking ${stage.fileName}…`)}
          </div>
        </div>
      )}
      {stage.kind === 'report' && (
        <ReportView fileName={stage.fileName} report={stage.report} mode={mode} onMode={setMode} />
      )}
      {stage.kind === 'done' && (
        <Result
          status={stage.rejected ? 'warning' : 'success'}
          title={t(`已导入 ${stage.imported} 人`, `Imported ${stage.imported}`)}
          subTitle={
            stage.rejected
              ? t(
                  `有 ${stage.report.totalRows - stage.imported} 行没有导入。下载这些行（已写明问题），改好后再导入一次。`,
                  `${stage.report.totalRows - stage.imported} rows were not imported; download, fix and import them again.`,
                )
              : t('全部导入完成，可以在在住/轮候名单里看到。', 'All rows were imported.')
          }
          extra={
            stage.rejected ? (
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                onClick={() => downloadBase64({ ...stage.rejected!, mimeType: xlsxMime })}
              >
                {t('下载未导入的行', 'Download the rejected rows')}
              </Button>
            ) : null
          }
        />
      )}
    </Modal>
  );
}

function ReportView({
  fileName,
  report,
  mode,
  onMode,
}: {
  fileName: string;
  report: ImportReport;
  mode: 'allOrNothing' | 'validOnly';
  onMode: (m: 'allOrNothing' | 'validOnly') => void;
}) {
  const { t } = useI18n();
  const bad = report.totalRows - report.validRows;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {report.problems.length === 0 ? (
        <Alert
          type="success"
          showIcon
          title={t(
            `「${fileName}」共 ${report.totalRows} 行，全部检查通过。`,
            `${report.totalRows} rows, all valid.`,
          )}
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={t(
            `「${fileName}」共 ${report.totalRows} 行：${report.validRows} 行无误，${bad} 行有问题（${report.problems.length} 处）。`,
            `${report.totalRows} rows: ${report.validRows} valid, ${bad} with problems.`,
          )}
          description={t(
            '下面列出每一处问题所在的行、列和原因。',
            'Each problem is listed by row and column.',
          )}
        />
      )}
      {report.problems.length > 0 && (
        <Table<ImportProblem>
          rowKey={(p) => `${p.row}-${p.column}-${p.reason}`}
          size="small"
          dataSource={report.problems}
          pagination={report.problems.length > 10 ? { pageSize: 10 } : false}
          data-testid="import-problems"
          columns={[
            { title: t('行号', 'Row'), dataIndex: 'row', width: 80 },
            { title: t('列', 'Column'), dataIndex: 'column', width: 160 },
            { title: t('问题', 'Problem'), dataIndex: 'reason' },
          ]}
        />
      )}
      <Radio.Group value={mode} onChange={(e) => onMode(e.target.value as 'allOrNothing' | 'validOnly')}>
        <Space orientation="vertical">
          <Radio value="allOrNothing">
            {t('全部无误才导入（有问题就一行也不导入，改好后重新选择文件）', 'All or nothing')}
          </Radio>
          <Radio value="validOnly" disabled={report.validRows === 0}>
            {t(
              '只导入无误的行，有问题的行下载下来改好再导入',
              'Import the valid rows; download the rest to fix',
            )}
          </Radio>
        </Space>
      </Radio.Group>
      {mode === 'allOrNothing' && report.problems.length > 0 && (
        <Typography.Text type="danger">
          {t('还有问题未解决，不能全部导入。', 'There are problems; all-or-nothing cannot import.')}
        </Typography.Text>
      )}
    </Space>
  );
}
