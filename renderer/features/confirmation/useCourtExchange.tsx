// What passes between the center and the court once the package is built: the package saved as a
// file for delivery, and the court's signed documents read back — its receipt with the ruling, a
// request for supplementary materials — each from one zip or from its json and signature files. A
// court not yet registered is registered only after the mediator compares its fingerprint.
import { App, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { bytesSource, DEFAULT_ZIP_LIMITS, openZip } from '../../../shared/archive';
import type { User } from '../../../shared/domain/model';
import { useServices } from '../../app/services';
import type { StoreResult } from '../../kit/result';
import { importReceipt, receiveSupplementRequest, recordSubmitted, type ReceiptFiles } from './store';
import type { ConfirmationTabController } from './useConfirmationTab';

interface SignedPair {
  json: Uint8Array;
  p7s: Uint8Array;
  pdf: Uint8Array | null;
}

export function useCourtExchange(tab: ConfirmationTabController, user: User, onCaseChanged: () => void) {
  const { t } = useTranslation(['confirmation', 'domain', 'app']);
  const { data, platform } = useServices();
  const { message, modal } = App.useApp();
  const { current, run, refuse, reload } = tab;

  const exportPackage = async () => {
    if (!current?.built) return;
    tab.setBusy('export');
    let saved: { name: string } | null;
    try {
      // Streamed from the blob store to the file: a package of gigabytes never sits in memory.
      saved = await platform.files.saveBlob(`${current.built.packageId}.zip`, current.built.sha256, 'application/zip');
    } catch (failure) {
      tab.setBusy(null);
      // The platform's own words (a path, an errno) go to the log; the user reads what to do.
      console.warn('The package could not be exported', failure);
      return refuse('export', t('confirmation:package.exportFailed'));
    }
    tab.setBusy(null);
    if (!saved) return;
    const name = saved.name;
    await run('export', () => recordSubmitted(data, user, current.id), () => void message.success(t('confirmation:package.exported', { name })));
  };

  /** A signed pair (json + p7s): one zip holding both, or the json file and then its signature. */
  const openSignedPair = async (json: string, signature: string, title: string): Promise<SignedPair | null> => {
    const first = await platform.files.openFile({ accept: ['.zip', '.json'], title });
    if (!first) return null;
    const bytes = await first.readBytes();
    if (!first.name.toLowerCase().endsWith('.zip')) {
      const p7s = await platform.files.openFile({ accept: ['.p7s'], title: t('confirmation:receipt.openSignature') });
      return p7s ? { json: bytes, p7s: await p7s.readBytes(), pdf: null } : null;
    }
    try {
      // The court's zip is read like any package: the hardened reader, exact names, bounded sizes.
      const archive = await openZip(bytesSource(bytes), { ...DEFAULT_ZIP_LIMITS, maxEntries: 10, maxTotalBytes: 100 * 1024 * 1024 });
      const entryOf = (name: string) => archive.find(name);
      const jsonEntry = entryOf(json);
      const p7sEntry = entryOf(signature);
      const pdfEntry = entryOf('ruling.pdf');
      if (jsonEntry && p7sEntry) return { json: await archive.read(jsonEntry), p7s: await archive.read(p7sEntry), pdf: pdfEntry ? await archive.read(pdfEntry) : null };
    } catch {
      // Not a zip, or one the reader refuses: reported below like a zip without the files.
    }
    refuse(json === 'receipt.json' ? 'receipt' : 'supplement', t('confirmation:receipt.badZip'));
    return null;
  };

  /**
   * A court not yet registered: the mediator compares the certificate's fingerprint with the court
   * before anything it signed is accepted; confirming registers it and repeats the action.
   */
  const runTrusting = async <T,>(name: string, attempt: (trustSigner?: string) => Promise<StoreResult<T>>, done: (value: T) => void) => {
    const first = await attempt();
    if (first.ok) {
      done(first.value);
      await reload();
      onCaseChanged();
      return;
    }
    if (first.error.code !== 'confirmation.court_unknown') return void run(name, async () => first, done);
    const fingerprint = String(first.error.params.fingerprint);
    modal.confirm({
      title: t('confirmation:trust.title', { name: first.error.params.name }),
      content: (
        <>
          <p>{t('confirmation:trust.body')}</p>
          <Typography.Text code>{fingerprint}</Typography.Text>
        </>
      ),
      okText: t('confirmation:trust.ok'),
      cancelText: t('confirmation:trust.cancel'),
      onOk: () => run(name, () => attempt(fingerprint), done),
    });
  };

  const openReceipt = async () => {
    if (!current) return;
    const pair = await openSignedPair('receipt.json', 'receipt.p7s', t('confirmation:receipt.open'));
    if (!pair) return;
    let ruling = pair.pdf;
    if (!ruling) {
      const file = await platform.files.openFile({ accept: ['.pdf'], title: t('confirmation:receipt.openRuling') });
      if (!file) return;
      ruling = await file.readBytes();
    }
    const files: ReceiptFiles = { json: pair.json, p7s: pair.p7s, ruling };
    await runTrusting('receipt', (trustSigner) => importReceipt(data, platform, user, current.id, files, trustSigner ? { trustSigner } : {}), ({ record: done }) =>
      void message.success(t(done.receipt?.outcome === 'confirmed' ? 'confirmation:receipt.confirmed' : 'confirmation:receipt.rejected', { docket: done.receipt?.courtCaseNumber })),
    );
  };

  const openSupplement = async () => {
    if (!current) return;
    const pair = await openSignedPair('supplement.json', 'supplement.p7s', t('confirmation:supplement.open'));
    if (pair) await runTrusting('supplement', (trustSigner) => receiveSupplementRequest(data, user, current.id, pair, trustSigner ? { trustSigner } : {}), tab.setSupplement);
  };

  return { exportPackage, openReceipt, openSupplement };
}
