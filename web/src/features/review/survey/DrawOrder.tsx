import { Button, Tooltip } from 'antd';
import { useState } from 'react';
import type { Survey } from './survey';

/** The draw order: surveyed rows coloured by outcome, replaced rows struck through, the rest waiting their turn. */
export function DrawOrder({ survey }: { survey: Survey }) {
  const [all, setAll] = useState(false);
  const byRow = new Map(survey.contacts.map((c) => [c.rosterRowNo, c]));
  const shown = all
    ? survey.drawOrder
    : survey.drawOrder.slice(0, Math.max(survey.contacts.length + 5, survey.sampleSize + 5));
  return (
    <div className="draw-order" data-testid="draw-order">
      {shown.map((row, index) => {
        const contact = byRow.get(row);
        const state = contact?.outcome ?? 'waiting';
        return (
          <Tooltip
            key={row}
            title={contact ? `${contact.enterpriseName}（第${index + 1}位）` : `第${index + 1}位，未抽中`}
          >
            <span className={`draw-order-item draw-order-${state}`}>{row}</span>
          </Tooltip>
        );
      })}
      {survey.drawOrder.length > shown.length && (
        <Button size="small" type="link" onClick={() => setAll(true)}>
          显示全部 {survey.drawOrder.length} 行
        </Button>
      )}
    </div>
  );
}
