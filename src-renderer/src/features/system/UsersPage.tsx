import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { RoleRow, UserRow } from '../../../../src-main/shared/contract/system';
import {
  permissionLabels,
  roleKeys,
  roleLabels,
  type RoleKey,
} from '../../../../src-main/shared/permissions';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useSignedInSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { ActionButton } from '../../app/permissions';
import { serverNow } from '../../lib/server-clock';

export function UsersPage() {
  const { t } = useI18n();
  const users = useProcedure('users.list', {});
  return (
    <Card title={t('用户与角色', 'Users & roles')}>
      <QueryView query={users}>
        {(rows) => (
          <Tabs
            items={[
              { key: 'users', label: t('用户', 'Users'), children: <UsersTable rows={rows} /> },
              { key: 'roles', label: t('角色与权限', 'Roles & permissions'), children: <RolesTab /> },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}

function UsersTable({ rows }: { rows: UserRow[] }) {
  const { t } = useI18n();
  const label = useLabel();
  const { modal, message } = App.useApp();
  const me = useSignedInSession().user;
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const update = useMutate('users.update', ['users.list', 'roles.list']);
  const unlock = useMutate('users.unlock', ['users.list']);

  function toggleDisabled(user: UserRow) {
    modal.confirm({
      title: user.disabled
        ? t(`确认启用 ${user.displayName} 的账号？`, `Enable ${user.displayName}?`)
        : t(`确认停用 ${user.displayName} 的账号？`, `Disable ${user.displayName}?`),
      content: user.disabled
        ? undefined
        : t(
            '停用后此人立即退出登录，且不能再登录。历史记录保留。',
            'They are signed out at once and cannot log in. History is kept.',
          ),
      okText: t('确认', 'Confirm'),
      cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        try {
          await update.mutateAsync({ id: user.id, disabled: !user.disabled });
        } catch (error) {
          void message.error((error as Error).message);
        }
      },
    });
  }

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <ActionButton
          procedure="users.create"
          type="primary"
          size="large"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
        >
          {t('新建用户', 'New user')}
        </ActionButton>
      </Space>
      <Table<UserRow>
        rowKey="id"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('姓名', 'Name'), dataIndex: 'displayName' },
          { title: t('用户名', 'Username'), dataIndex: 'username' },
          {
            title: t('角色', 'Roles'),
            render: (_v, u) => u.roles.map((r) => <Tag key={r}>{label(roleLabels[r])}</Tag>),
          },
          {
            title: t('状态', 'Status'),
            render: (_v, u) => (
              <Space>
                {u.disabled ? (
                  <Tag>{t('已停用', 'Disabled')}</Tag>
                ) : (
                  <Tag color="green">{t('正常', 'Active')}</Tag>
                )}
                {u.lockedUntil && new Date(u.lockedUntil) > new Date(serverNow()) && (
                  <Tag color="red">{t('已锁定', 'Locked')}</Tag>
                )}
                {u.mustChangePassword && (
                  <Tag color="orange">{t('待改初始密码', 'Must change password')}</Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('最近登录', 'Last login'),
            render: (_v, u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : '—'),
          },
          {
            title: t('操作', 'Actions'),
            render: (_v, u) => (
              <Space wrap>
                <ActionButton procedure="users.update" onClick={() => setEditing(u)}>
                  {t('编辑', 'Edit')}
                </ActionButton>
                <ActionButton procedure="users.resetPassword" onClick={() => setResetting(u)}>
                  {t('重置密码', 'Reset password')}
                </ActionButton>
                {u.lockedUntil && new Date(u.lockedUntil) > new Date(serverNow()) && (
                  <ActionButton
                    procedure="users.unlock"
                    onClick={() =>
                      void unlock.mutateAsync({ id: u.id }).catch((e: Error) => message.error(e.message))
                    }
                  >
                    {t('解锁', 'Unlock')}
                  </ActionButton>
                )}
                {u.id !== me.id && (
                  <ActionButton
                    procedure="users.update"
                    danger={!u.disabled}
                    onClick={() => toggleDisabled(u)}
                  >
                    {u.disabled ? t('启用', 'Enable') : t('停用', 'Disable')}
                  </ActionButton>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}

function useRoleOptions() {
  const label = useLabel();
  return roleKeys.map((r) => ({ value: r, label: label(roleLabels[r]) }));
}

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    username: string;
    displayName: string;
    password: string;
    roles: RoleKey[];
    mustChangePassword: boolean;
  }>();
  const create = useMutate('users.create', ['users.list', 'roles.list']);
  const roleOptions = useRoleOptions();

  async function submit() {
    const values = await form.validateFields();
    try {
      const user = await create.mutateAsync(values);
      void message.success(t(`已创建用户 ${user.displayName}`, `Created ${user.displayName}`));
      form.resetFields();
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message);
    }
  }

  return (
    <Modal
      open={open}
      title={t('新建用户', 'New user')}
      okText={t('创建', 'Create')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ roles: ['caregiver'], mustChangePassword: true }}
      >
        <Form.Item
          name="displayName"
          label={t('姓名', 'Full name')}
          rules={[{ required: true, whitespace: true, message: t('请填写姓名', 'Enter a name') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('登录用户名', 'Username')}
          rules={[
            { required: true, message: t('请填写用户名', 'Enter a username') },
            {
              pattern: /^[A-Za-z0-9_.-]{2,32}$/,
              message: t('用户名用 2–32 位英文字母、数字、下划线、点或横线', '2–32 letters, digits, _ . -'),
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('初始密码', 'Initial password')}
          rules={[
            { required: true, message: t('请设置初始密码', 'Set an initial password') },
            { min: 8, message: t('密码至少 8 位', 'At least 8 characters') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('角色（可多选）', 'Roles (one or more)')}
          rules={[{ required: true, message: t('请至少选择一个角色', 'Choose at least one role') }]}
        >
          <Select mode="multiple" options={roleOptions} />
        </Form.Item>
        <Form.Item
          name="mustChangePassword"
          label={t('首次登录时要求修改密码', 'Require a new password at first login')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EditUserModal({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ displayName: string; roles: RoleKey[] }>();
  const update = useMutate('users.update', ['users.list', 'roles.list']);
  const roleOptions = useRoleOptions();

  async function submit() {
    const values = await form.validateFields();
    try {
      await update.mutateAsync({ id: user.id, ...values });
      void message.success(t('已保存', 'Saved'));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message);
    }
  }

  return (
    <Modal
      open
      title={t(`编辑用户：${user.displayName}`, `Edit ${user.displayName}`)}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ displayName: user.displayName, roles: user.roles }}
      >
        <Form.Item
          name="displayName"
          label={t('姓名', 'Full name')}
          rules={[{ required: true, whitespace: true, message: t('请填写姓名', 'Enter a name') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('角色（可多选）', 'Roles (one or more)')}
          rules={[{ required: true, message: t('请至少选择一个角色', 'Choose at least one role') }]}
        >
          <Select mode="multiple" options={roleOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useMutate('users.resetPassword', ['users.list']);
  async function submit() {
    const values = await form.validateFields();
    try {
      await reset.mutateAsync({ id: user.id, password: values.password });
      void message.success(
        t(
          `已重置 ${user.displayName} 的密码，对方下次登录时需要改密码`,
          `Password reset; ${user.displayName} must change it at next login`,
        ),
      );
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message);
    }
  }
  return (
    <Modal
      open
      title={t(`重置密码：${user.displayName}`, `Reset password: ${user.displayName}`)}
      okText={t('重置', 'Reset')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
    >
      <Form form={form} layout="vertical" size="large">
        <Form.Item
          name="password"
          label={t('临时密码', 'Temporary password')}
          rules={[
            { required: true, message: t('请设置临时密码', 'Set a temporary password') },
            { min: 8, message: t('密码至少 8 位', 'At least 8 characters') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RolesTab() {
  const roles = useProcedure('roles.list', {});
  return <QueryView query={roles}>{(rows) => <RolesTable rows={rows} />}</QueryView>;
}

function RolesTable({ rows }: { rows: RoleRow[] }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const setPermissions = useMutate('roles.setPermissions', ['roles.list']);
  const allPermissions = Object.keys(permissionLabels) as Array<keyof typeof permissionLabels>;
  return (
    <Table<RoleRow>
      rowKey="key"
      dataSource={rows}
      pagination={false}
      columns={[
        {
          title: t('角色', 'Role'),
          render: (_v, r) => (
            <Typography.Text strong>{label({ zh: r.nameZh, en: r.nameEn })}</Typography.Text>
          ),
        },
        { title: t('人数', 'Users'), dataIndex: 'userCount', width: 80 },
        {
          title: t('权限', 'Permissions'),
          render: (_v, r) =>
            r.permissions.includes('*') ? (
              <Tag color="gold">{t('全部权限', 'All permissions')}</Tag>
            ) : (
              <Checkbox.Group
                value={r.permissions}
                options={allPermissions.map((p) => ({ value: p, label: label(permissionLabels[p]) }))}
                onChange={(next) =>
                  void setPermissions
                    .mutateAsync({ role: r.key, permissions: next as string[] })
                    .then(() => message.success(t('权限已更新', 'Permissions updated')))
                    .catch((e: Error) => message.error(e.message))
                }
              />
            ),
        },
      ]}
    />
  );
}
