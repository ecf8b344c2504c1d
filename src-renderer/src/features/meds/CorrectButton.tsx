import { App, Input, Modal } from 'antd';
import { useState } from 'react';
import { useMutate } from '../../api/hooks';
import { ActionButton } from '../../app/permissions';

/** 更正: the wrong record stays on file, marked corrected, and the dose can be recorded again. */
export function CorrectButton({ doseId, what }: { doseId: string; what: string }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const correct = useMutate('meds.correct', [
    'meds.mar',
    'meds.marSummary',
    'meds.prn.list',
    'meds.stock.list',
  ]);
  return (
    <>
      <ActionButton procedure="meds.correct" onClick={() => setOpen(true)}>
        更正
      </ActionButton>
      <Modal
        open={open}
        title={`更正记录：${what}`}
        okText="确认更正"
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: correct.isPending }}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          try {
            await correct.mutateAsync({ doseId, reason });
            void message.success('原记录已标记为更正，可重新记录');
            setOpen(false);
          } catch (error) {
            void message.error((error as Error).message, 8);
          }
        }}
      >
        <p>原记录会保留并注明已更正，药品如已从代管库存扣除会退回。</p>
        <Input.TextArea
          rows={2}
          placeholder="更正原因（必填）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
