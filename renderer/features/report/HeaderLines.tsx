// The report's header block above its table (the institution or the area, the period, the layout
// and the mediators), one line each: the same on one institution's report and a bureau's.
import { Typography } from 'antd';

export function HeaderLines({ lines }: { lines: readonly string[] }) {
  return (
    <div>
      {lines.map((line) => (
        <Typography.Text key={line} style={{ display: 'block' }}>
          {line}
        </Typography.Text>
      ))}
    </div>
  );
}
