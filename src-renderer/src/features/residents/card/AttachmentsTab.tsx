import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import {
  attachmentKindLabels,
  attachmentKinds,
  type ResidentDetail,
} from '../../../../../src-main/shared/contract/residents';
import { callOrThrow } from '../../../api/client';
import { useMutate, useProcedure } from '../../../api/hooks';
import { QueryView } from '../../../app/feedback';
import { useSession } from '../../../app/session';
import { useI18n, useLabel } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { downloadBase64, fileToBase64, formatBytes } from '../../../lib/files';
import { ActionButton } from '../../../app/permissions';

export function AttachmentsTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const list = useProcedure('residents.listAttachments', { residentId: r.id });
  const config = useProcedure('residents.getConfig', {});
  const add = useMutate('residents.addAttachment', ['residents.listAttachments']);
  const remove = useMutate('residents.removeAttachment', ['residents.listAttachments']);
  const [kind, setKind] = useState<(typeof attachmentKinds)[number]>('other');
  const maxBytes = config.data?.attachmentMaxBytes ?? 10 * 1024 * 1024;

  async function upload(file: File) {
    if (file.size > maxBytes) {
      void message.error(
        t(
          `文件太大（${formatBytes(file.size)}），请选择 ${formatBytes(maxBytes)} 以内的文件`,
          'File too large',
        ),
      );
      return;
    }
    try {
      const base64 = await fileToBase64(file);
      await add.mutateAsync({
        residentId: r.id,
        kind,
        fileName: file.name,
        mimeType: file.type || 'application/octet-stream',
        base64,
      });
      void message.success(t(`已上传 ${file.name}`, `Uploaded ${file.name}`));
    } catch (error) {
      void message.error((error as Error).message, 6);
    }
  }

  async function download(id: number) {
    try {
      const a = await callOrThrow('residents.getAttachment', { id });
      downloadBase64({ fileName: a.fileName, base64: a.base64, mimeType: a.mimeType });
    } catch (error) {
      void message.error((error as Error).message);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {can('residents.write') && (
        <Space wrap>
          <Select
            value={kind}
            onChange={setKind}
            style={{ width: 160 }}
            options={attachmentKinds.map((k) => ({ value: k, label: label(attachmentKindLabels[k]) }))}
          />
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={add.isPending}>
              {t('上传附件', 'Upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">
            {t(`单个文件不超过 ${formatBytes(maxBytes)}`, `Up to ${formatBytes(maxBytes)}`)}
          </Typography.Text>
        </Space>
      )}
      <QueryView query={list}>
        {(rows) => (
          <Table
            rowKey="id"
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('还没有附件 — 可上传照片、合同、证件复印件、病历', 'No attachments') }}
            columns={[
              { title: t('类别', 'Kind'), render: (_v, a) => label(attachmentKindLabels[a.kind]) },
              { title: t('文件名', 'File'), dataIndex: 'fileName' },
              { title: t('大小', 'Size'), render: (_v, a) => formatBytes(a.size) },
              {
                title: t('上传时间', 'Uploaded'),
                render: (_v, a) => `${formatDateTime(a.uploadedAt)} ${a.uploadedBy ?? ''}`,
              },
              {
                title: t('操作', 'Actions'),
                render: (_v, a) => (
                  <Space>
                    <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(a.id)}>
                      {t('下载', 'Download')}
                    </Button>
                    <ActionButton
                      procedure="residents.removeAttachment"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() =>
                        modal.confirm({
                          title: t(`确认删除 ${r.name} 的附件「${a.fileName}」？`, `Delete ${a.fileName}?`),
                          okText: t('删除', 'Delete'),
                          okButtonProps: { danger: true },
                          cancelText: t('取消', 'Cancel'),
                          onOk: () =>
                            remove
                              .mutateAsync({ id: a.id })
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
    </Space>
  );
}
