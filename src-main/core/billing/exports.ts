import { feeKindLabels, ledgerKindLabels, shareKindLabels } from '../../shared/contract/billing/types';
import { finished, type ModuleHandlers } from '../api/context';
import { listWorkbook } from '../export/excel';
import type { ModuleContext } from '../module';
import type { BillingService } from './module';

const yuanCell = (fen: number) => fen / 100;

/** Excel ledgers a finance clerk hands on: the month's run, payer statements, arrears, prepaid balances. */
export function billingExports(
  billing: BillingService,
  ctx: ModuleContext,
): Pick<
  ModuleHandlers<'billing'>,
  'billing.exports.run' | 'billing.exports.statement' | 'billing.exports.arrears' | 'billing.exports.prepaid'
> {
  const org = () => ctx.institution.get().name;
  return {
    'billing.exports.run': finished(
      (input, call) => {
        const rows = billing
          .invoices({ month: input.month })
          .flatMap((inv) => inv.lines.map((l) => ({ inv, l })));
        call.audit({ entity: 'billingExport', entityId: `run:${input.month}`, after: { rows: rows.length } });
        return { month: input.month, rows };
      },
      ({ month, rows }) =>
        listWorkbook({
          sheetName: `${month} 账单`,
          title: `${org()} ${month} 账单明细（共 ${rows.length} 行）`,
          fileName: `账单明细-${month}.xlsx`,
          rows,
          columns: [
            { header: '账单号', width: 14, value: (r) => r.inv.number, text: true },
            { header: '类型', width: 8, value: (r) => (r.inv.kind === 'credit' ? '冲红' : '账单') },
            { header: '老人', width: 10, value: (r) => r.inv.residentName },
            { header: '床位', width: 10, value: (r) => r.inv.bedLabel },
            { header: '项目', width: 16, value: (r) => r.l.name },
            { header: '类别', width: 10, value: (r) => feeKindLabels[r.l.kind] },
            { header: '起', width: 12, value: (r) => r.l.from },
            { header: '止', width: 12, value: (r) => r.l.to },
            { header: '计费天数', width: 8, value: (r) => r.l.billedDays },
            { header: '基数', width: 6, value: (r) => r.l.base },
            { header: '金额（元）', width: 12, value: (r) => yuanCell(r.l.amountFen) },
            {
              header: '本人/家属（元）',
              width: 14,
              value: (r) => yuanCell(r.l.payerShares.find((s) => s.kind === 'resident')?.amountFen ?? 0),
            },
            {
              header: '其他付款方',
              width: 30,
              value: (r) =>
                r.l.payerShares
                  .filter((s) => s.kind !== 'resident')
                  .map((s) => `${s.name} ${(s.amountFen / 100).toFixed(2)}`)
                  .join('；'),
            },
          ],
        }),
    ),
    'billing.exports.statement': finished(
      (input, call) => {
        const rows = billing.reports.statement(input.month, input.payerName);
        call.audit({
          entity: 'billingExport',
          entityId: `statement:${input.month}`,
          after: { payer: input.payerName ?? null, rows: rows.length },
        });
        return { month: input.month, rows, payer: input.payerName };
      },
      ({ month, rows, payer }) =>
        listWorkbook({
          sheetName: `${month} 申报表`,
          title: `${org()} ${payer ?? '各付款方'} ${month} 申报表（合计 ${(rows.reduce((s, r) => s + r.amountFen, 0) / 100).toFixed(2)} 元）`,
          fileName: `申报表-${payer ?? '全部'}-${month}.xlsx`,
          rows,
          columns: [
            { header: '付款方', width: 16, value: (r) => r.payerName },
            { header: '类别', width: 12, value: (r) => shareKindLabels[r.payerKind] },
            { header: '老人', width: 10, value: (r) => r.residentName },
            { header: '账单号', width: 14, value: (r) => r.invoiceNumber, text: true },
            { header: '项目', width: 16, value: (r) => r.item },
            { header: '起', width: 12, value: (r) => r.from },
            { header: '止', width: 12, value: (r) => r.to },
            { header: '项目金额（元）', width: 14, value: (r) => yuanCell(r.lineFen) },
            { header: '申报金额（元）', width: 14, value: (r) => yuanCell(r.amountFen) },
          ],
        }),
    ),
    'billing.exports.arrears': finished(
      (_input, call) => {
        const rows = billing.reports.arrears(call.now);
        call.audit({ entity: 'billingExport', entityId: 'arrears', after: { rows: rows.length } });
        return rows;
      },
      (rows) =>
        listWorkbook({
          sheetName: '欠费',
          title: `${org()} 欠费名单（${rows.length} 人）`,
          fileName: '欠费名单.xlsx',
          rows,
          columns: [
            { header: '老人', width: 10, value: (r) => r.name },
            { header: '床位', width: 10, value: (r) => r.bedLabel },
            { header: '欠费合计（元）', width: 14, value: (r) => yuanCell(r.openFen) },
            { header: '30天内', width: 12, value: (r) => yuanCell(r.d0_30) },
            { header: '31–60天', width: 12, value: (r) => yuanCell(r.d31_60) },
            { header: '61–90天', width: 12, value: (r) => yuanCell(r.d61_90) },
            { header: '90天以上', width: 12, value: (r) => yuanCell(r.over90) },
            { header: '最早账单日期', width: 14, value: (r) => r.oldestIssuedOn },
          ],
        }),
    ),
    'billing.exports.prepaid': finished(
      (_input, call) => {
        const rows = billing.reports.prepaid();
        call.audit({ entity: 'billingExport', entityId: 'prepaid', after: { rows: rows.length } });
        return rows;
      },
      (rows) =>
        listWorkbook({
          sheetName: '预收费余额',
          title: `${org()} 预收费余额（押金、预收服务费、会员费）`,
          fileName: '预收费余额.xlsx',
          rows,
          columns: [
            { header: '老人', width: 10, value: (r) => r.name },
            { header: `${ledgerKindLabels.deposit}（元）`, width: 14, value: (r) => yuanCell(r.depositFen) },
            {
              header: `${ledgerKindLabels.prepayment}（元）`,
              width: 16,
              value: (r) => yuanCell(r.prepaymentFen),
            },
            {
              header: `${ledgerKindLabels.membership}（元）`,
              width: 14,
              value: (r) => yuanCell(r.membershipFen),
            },
          ],
        }),
    ),
  };
}
