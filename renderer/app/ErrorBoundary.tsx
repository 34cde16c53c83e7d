// What the user sees when a screen throws: what happened, that saved data is safe, and what to do.
// Used both as a React error boundary around the whole app and as the router's errorElement.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'statusText' in error) return String((error as { statusText: unknown }).statusText);
  return String(error);
}

function isChunkLoadFailure(error: unknown): boolean {
  const message = messageOf(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported/i.test(message);
}

export function ErrorResult({ error }: { error: unknown }) {
  const { t } = useTranslation('app');
  const message = isChunkLoadFailure(error) ? t('error.chunkFailed') : messageOf(error);
  const details = error instanceof Error && error.stack ? error.stack : messageOf(error);
  return (
    <Result
      status="error"
      title={t('error.title')}
      subTitle={
        <>
          <Typography.Paragraph>{t('error.description', { message })}</Typography.Paragraph>
          <Typography.Paragraph>{t('error.whatToDo')}</Typography.Paragraph>
        </>
      }
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </Button>,
        <Button key="home" href="#/cases">
          {t('error.home')}
        </Button>,
      ]}
    >
      <details>
        <summary>{t('error.details')}</summary>
        <pre style={{ whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto' }}>{details}</pre>
      </details>
    </Result>
  );
}

export function RouteErrorPage() {
  const error = useRouteError();
  return <ErrorResult error={error} />;
}

interface BoundaryState {
  error: unknown;
}

export class AppErrorBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept in the console for support; nothing is sent anywhere.
    console.error('Unhandled error in the interface', error, info.componentStack);
  }

  override render() {
    if (this.state.error !== null) return <ErrorResult error={this.state.error} />;
    return this.props.children;
  }
}
