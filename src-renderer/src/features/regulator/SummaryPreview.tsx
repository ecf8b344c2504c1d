import { Card, Col, Empty, Row, Table, Typography } from 'antd';
import { summaryTables, type SummaryDocument } from '../../../../src-main/shared/contract/regulator';
import { useI18n } from '../../i18n';

/** The summary in readable tables: one card per section, a module not in use says so. */
export function SummaryPreview({ doc }: { doc: SummaryDocument }) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      {summaryTables(doc).map((table) => (
        <Col key={table.key} xs={24} md={12} xl={8}>
          <Card size="small" title={table.title} data-section={table.key}>
            {table.rows.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('本机构未启用该模块，上报为空', 'Module not in use; sent empty')}
              />
            ) : (
              <Table
                size="small"
                pagination={false}
                showHeader={false}
                rowKey="label"
                dataSource={table.rows}
                columns={[
                  { dataIndex: 'label', width: '45%' },
                  {
                    dataIndex: 'value',
                    align: 'right',
                    render: (v: string | number | null) =>
                      v === null ? (
                        <Typography.Text type="secondary">—</Typography.Text>
                      ) : (
                        <Typography.Text strong={typeof v === 'number'} style={{ overflowWrap: 'anywhere' }}>
                          {v}
                        </Typography.Text>
                      ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
