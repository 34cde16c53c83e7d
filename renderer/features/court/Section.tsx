// A titled part of a court screen, found by its name (role region) by people using a screen reader.
import type { ReactNode } from 'react';
import { Card } from 'antd';

export function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <section aria-label={title}>
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{title}</h2>} extra={extra}>
        {children}
      </Card>
    </section>
  );
}
