import { Alert, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { BackupRow } from '../../../../src-main/shared/contract/backups';
import { useMutate } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';
import { agoText, formatTime, reasonLabels } from './labels';

const WORD = '恢复';

/**
 * Restoring replaces everyone's data, so the dialog says in plain words what happens and asks for
 * the word 恢复 to be typed; the core checks the same word.
 */
export function RestoreDialog({ backup, onClose }: { backup: BackupRow | null; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { signedOut } = useSession();
  const restore = useMutate('backups.restore');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setTyped('');
    setError(null);
  }, [backup]);

  async function submit() {
    if (!backup) return;
    setError(null);
    try {
      await restore.mutateAsync({ id: backup.id, confirm: typed as typeof WORD });
      // Everyone's session ended with the restore, this one too: back to the sign-in screen.
      signedOut(
        t(
          `数据已恢复到 ${formatTime(backup.createdAt)} 的备份。恢复前的数据已另存为安全副本。请重新登录。`,
          `Data restored to the backup of ${formatTime(backup.createdAt)}; the data before it was kept as a safety copy. Please sign in again.`,
        ),
      );
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const when = backup ? formatTime(backup.createdAt) : '';
  return (
    <Modal
      open={backup !== null}
      title={t(`从 ${when} 的备份恢复数据`, `Restore the backup of ${when}`)}
      okText={t('恢复数据', 'Restore')}
      okButtonProps={{ danger: true, disabled: typed.trim() !== WORD }}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={restore.isPending}
      onOk={() => void submit()}
      onCancel={() => !restore.isPending && onClose()}
      closable={!restore.isPending}
      maskClosable={false}
      destroyOnHidden
    >
      {backup && (
        <>
          <Typography.Paragraph>
            {t(
              `全院数据将回到 ${when}（${agoText(backup.createdAt, t)}，${label(reasonLabels[backup.reason])}）那一刻的样子，附件也一样。`,
              `All data and attachments go back to how they were at ${when}.`,
            )}
          </Typography.Paragraph>
          <ul style={{ paddingInlineStart: 20 }}>
            <li>
              {t(
                '在那之后录入、修改的所有内容都会消失。',
                'Everything entered or changed after that time disappears.',
              )}
            </li>
            <li>
              {t(
                '恢复之前，系统会先把现在的数据另存为一份“恢复前安全副本”，万一恢复错了还能找回。',
                'Before restoring, the current data is saved as a safety copy, so nothing is lost for good.',
              )}
            </li>
            <li>
              {t(
                '恢复后，所有人（包括您）都要重新登录。请先告诉正在使用的同事。',
                'Afterwards everyone, you included, must sign in again. Tell your colleagues first.',
              )}
            </li>
          </ul>
          <Typography.Paragraph strong>
            {t('确认无误后，请在下面输入“恢复”两个字：', 'To go ahead, type 恢复 below:')}
          </Typography.Paragraph>
          <Input
            size="large"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={WORD}
            aria-label={t('输入“恢复”以确认', 'Type 恢复 to confirm')}
            onPressEnter={() => typed.trim() === WORD && void submit()}
            disabled={restore.isPending}
          />
          {restore.isPending && (
            <Alert
              style={{ marginTop: 12 }}
              type="info"
              showIcon
              title={t(
                '正在保存安全副本并恢复数据…请不要关闭程序，这可能需要一两分钟。',
                'Saving a safety copy and restoring… do not close the program.',
              )}
            />
          )}
          {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
        </>
      )}
    </Modal>
  );
}
