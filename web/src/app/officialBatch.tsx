import { Flex, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { BatchSummary } from '#contract';
import { useReferenceData } from '../features/reference/useReferenceData';

/** The batch the officials' pages show, from the address (`?batch=`); undefined leaves it to the server. */
export function useOfficialBatch(): string | undefined {
  const [params] = useSearchParams();
  return params.get('batch') ?? undefined;
}

/** A path of the officials' pages that keeps the batch picked. */
export function withBatch(path: string, batch: string | undefined): string {
  return batch ? `${path}?batch=${encodeURIComponent(batch)}` : path;
}

/** The batch the server shows when none is asked for: the open one, else the one whose city deadline is the latest. */
export function defaultBatchOf(batches: readonly BatchSummary[]): BatchSummary | undefined {
  const latestFirst = [...batches].sort(
    (x, y) => Date.parse(y.config.cityDeadline) - Date.parse(x.config.cityDeadline),
  );
  return latestFirst.find((b) => b.open) ?? latestFirst[0];
}

const batchName = (b: BatchSummary) => `${b.year}年度${b.isDemo ? '（演示副本）' : ''}${b.open ? ' · 申报中' : ''}`;

/**
 * The officials' choice of batch, shown only when there is more than one. The choice goes into the
 * address, so a reload or a shared link shows the same batch, and every officials' request carries it.
 */
function BatchPicker() {
  const batches = useReferenceData().data?.batches ?? [];
  const picked = useOfficialBatch();
  const [, setParams] = useSearchParams();
  if (batches.length < 2) return null;
  return (
    <Flex align="center" gap={8} data-testid="batch-picker">
      <Typography.Text type="secondary" aria-hidden>
        申报批次
      </Typography.Text>
      <Select
        aria-label="申报批次"
        style={{ minWidth: 140 }}
        value={picked ?? defaultBatchOf(batches)?.id}
        popupMatchSelectWidth={false}
        options={batches.map((b) => ({ value: b.id, label: batchName(b), title: b.label }))}
        onChange={(batch: string) =>
          setParams((params) => {
            params.set('batch', batch);
            return params;
          })
        }
      />
    </Flex>
  );
}

/** An officials' page title, with the batch picker beside it. */
export function TitleWithBatch({ children }: { children: ReactNode }) {
  return (
    <Flex align="center" gap="small" wrap style={{ columnGap: 24 }}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
        {children}
      </Typography.Title>
      <BatchPicker />
    </Flex>
  );
}
