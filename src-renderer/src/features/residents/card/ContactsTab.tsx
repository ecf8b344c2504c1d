import { EditOutlined } from '@ant-design/icons';
import { Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { type ResidentDetail } from '../../../../../src-main/shared/contract/residents';
import { useI18n } from '../../../i18n';
import { EditProfileDialog } from './ProfileTab';
import { ActionButton } from '../../../app/permissions';

export function ContactsTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table
        rowKey={(c) => `${c.name}-${c.phones.join()}`}
        dataSource={r.contacts}
        pagination={false}
        locale={{ emptyText: t('还没有联系人 — 点「编辑资料」添加监护人和紧急联系人', 'No contacts yet') }}
        columns={[
          { title: t('姓名', 'Name'), dataIndex: 'name' },
          { title: t('关系', 'Relation'), dataIndex: 'relation' },
          { title: t('电话', 'Phones'), render: (_v, c) => c.phones.join('、') },
          {
            title: t('身份', 'Role'),
            render: (_v, c) => (
              <Space>
                {c.isGuardian && <Tag color="purple">{t('监护人', 'Guardian')}</Tag>}
                {c.isEmergency && <Tag color="red">{t('紧急联系人', 'Emergency')}</Tag>}
              </Space>
            ),
          },
          { title: t('备注', 'Note'), dataIndex: 'note', render: (v: string | undefined) => v ?? '' },
        ]}
      />
      <ActionButton procedure="residents.update" icon={<EditOutlined />} onClick={() => setEditing(true)}>
        {t('编辑联系人', 'Edit contacts')}
      </ActionButton>
      {editing && <EditProfileDialog resident={r} onClose={() => setEditing(false)} />}
    </Space>
  );
}
