// Texts of where the data lives and how safe it is there (namespace `storage`): the frame's
// notices, the storage card, the first-run notice and the refusal of a file that does not fit.
export const resources = {
  'zh-CN': {
    notice: {
      label: '存储提醒',
      persistence: {
        title: '浏览器没有承诺长期保存本工作站的数据',
        body: '磁盘空间不足时，浏览器可能自动删除本工作站的全部数据；清除浏览数据（“Cookie 及其他网站数据”）也会删除所有案件。请定期备份，并把备份文件保存在这台电脑以外的地方。',
        details: '查看存储情况',
        acknowledge: '知道了',
      },
      space: {
        warn: '存储空间已用 {{percent}}%（{{used}}，共 {{quota}}）。用到 95% 时将不能再加入 {{large}} 以上的文件。',
        full: '存储空间已用 {{percent}}%（{{used}}，共 {{quota}}），不能再加入 {{large}} 以上的文件。',
        whatToDoAdmin: '请清理这台电脑的磁盘空间（浏览器可用的空间随磁盘剩余空间增减），并立即备份。',
        whatToDo: '请告诉管理员：需要清理这台电脑的磁盘空间并备份数据。',
      },
      backup: {
        none: '本工作站还没有做过备份。',
        stale: '上次备份是 {{days}} 天前（{{time}}）。',
        remind: '请至少每周备份一次，并把备份文件保存在这台电脑以外的地方。',
        link: '立即备份',
      },
    },
    card: {
      title: '数据存储',
      origin: '数据所在地址',
      originBrowser:
        '数据保存在浏览器中，属于这个地址（协议、主机名和端口）。换一个地址打开——例如 localhost 与 127.0.0.1 互换，或用 PORT=8080 npm start 换一个端口——会看到一个空的工作台；这里的数据仍在原处，回到这个地址即可继续使用。',
      originElectron: '数据保存在这台电脑的应用数据目录中。',
      persistence: '持久存储',
      granted: '已获准',
      notGranted: '未获准',
      unknown: '无法确定',
      grantedBody: '浏览器不会因磁盘空间不足而自动删除这些数据。清除浏览数据仍会删除它们，请照常备份。',
      grantedBodyElectron: '这些数据不会因磁盘空间不足而被自动删除。请照常备份。',
      notGrantedBody: '磁盘空间不足时，浏览器可能自动删除本工作站的全部数据；清除浏览数据（“Cookie 及其他网站数据”）也会删除所有案件。请定期备份，并把备份文件保存在这台电脑以外的地方。',
      unknownBody: '这个浏览器不告诉本页面数据是否会被长期保存（例如用 http 通过局域网地址打开时）。请按“未获准”对待：定期备份。',
      space: '存储空间',
      spaceValue: '已用 {{used}}，共 {{quota}}（{{percent}}%），剩余 {{free}}',
      spaceUsage: '存储空间用量',
      spaceUnknown: '这个浏览器不提供存储空间的估计。',
      spaceUsedOnly: '已用 {{used}}',
      spaceQuotaHidden: '这个浏览器不告诉网页还剩多少空间（Chromium 出于隐私只报告一个虚构的上限），所以无法在空间将满时提前提醒；空间真的不足时，加入文件会失败并说明原因。请留意这台电脑的磁盘剩余空间，并定期备份。',
      spaceElectron: '证据文件以文件形式保存在应用数据目录中，不计入以上用量。',
      spaceWarn: '用到 80% 时提醒管理员；用到 95% 时不再接受 {{large}} 以上的文件。',
      lastBackup: '上次备份',
      lastBackupValue: '{{time}}，由 {{name}} 备份',
      lastBackupFolder: '定时备份，保存在文件夹 {{folder}}',
      noBackup: '尚未备份',
      backupStale: '已超过 {{days}} 天没有备份。',
    },
    firstRun: {
      otherOrigins: '这个地址（{{origin}}）下还没有任何数据。这台电脑曾在 {{origins}} 使用过解纷工作台，那里的数据仍在原处。',
      otherOriginsBody: '数据属于打开它的地址：要继续使用原来的数据，请改为打开上面的地址。在这里完成首次设置，会另建一个空的工作台。',
    },
    errors: {
      storage: {
        full: '存储空间不足，这个文件（{{size}}）没有加入：加入后将用去可用空间的 95% 以上（已用 {{percent}}%，剩余 {{free}}），此时不再接受 {{large}} 以上的文件。请先清理这台电脑的磁盘空间再试，并请管理员备份数据。',
      },
    },
  },
  'en-US': {
    notice: {
      label: 'Storage notices',
      persistence: {
        title: 'The browser has not promised to keep this workstation’s data',
        body: 'When the disk runs low, the browser may delete all of this workstation’s data on its own; clearing browsing data (“Cookies and other site data”) also deletes every case. Back up regularly and keep the backup files somewhere other than this computer.',
        details: 'Storage details',
        acknowledge: 'Got it',
      },
      space: {
        warn: 'Storage is {{percent}}% full ({{used}} of {{quota}}). At 95%, files of {{large}} or more can no longer be added.',
        full: 'Storage is {{percent}}% full ({{used}} of {{quota}}); files of {{large}} or more can no longer be added.',
        whatToDoAdmin: 'Free disk space on this computer (the space the browser allows grows and shrinks with the free disk space) and back up now.',
        whatToDo: 'Tell an administrator: disk space on this computer needs freeing and the data backing up.',
      },
      backup: {
        none: 'This workstation has never been backed up.',
        stale: 'The last backup was {{days}} days ago ({{time}}).',
        remind: 'Back up at least once a week and keep the backup files somewhere other than this computer.',
        link: 'Back up now',
      },
    },
    card: {
      title: 'Data storage',
      origin: 'Where the data lives',
      originBrowser:
        'The data is kept in the browser and belongs to this address (scheme, host name and port). Opened at another address — localhost instead of 127.0.0.1 or the other way round, or another port with PORT=8080 npm start — the workstation is empty; the data here stays where it is, and coming back to this address shows it again.',
      originElectron: 'The data is kept in this computer’s application data folder.',
      persistence: 'Persistent storage',
      granted: 'Granted',
      notGranted: 'Not granted',
      unknown: 'Cannot tell',
      grantedBody: 'The browser will not delete this data on its own when the disk runs low. Clearing browsing data still deletes it: keep backing up.',
      grantedBodyElectron: 'This data is not deleted on its own when the disk runs low. Keep backing up.',
      notGrantedBody: 'When the disk runs low, the browser may delete all of this workstation’s data on its own; clearing browsing data (“Cookies and other site data”) also deletes every case. Back up regularly and keep the backup files somewhere other than this computer.',
      unknownBody: 'This browser does not tell the page whether the data is kept for good (for instance when it is opened over http at a network address). Treat it as not granted: back up regularly.',
      space: 'Storage space',
      spaceValue: '{{used}} used of {{quota}} ({{percent}}%), {{free}} left',
      spaceUsage: 'Storage space used',
      spaceUnknown: 'This browser gives no estimate of the storage space.',
      spaceUsedOnly: '{{used}} used',
      spaceQuotaHidden: 'This browser does not tell a web page how much space is left (for privacy, Chromium reports a made-up limit), so no warning can come before the space runs out; when it truly does, adding a file fails and says why. Keep an eye on this computer’s free disk space, and back up regularly.',
      spaceElectron: 'Evidence files are kept as files in the application data folder and are not counted above.',
      spaceWarn: 'Administrators are warned at 80%; at 95%, files of {{large}} or more are no longer accepted.',
      lastBackup: 'Last backup',
      lastBackupValue: '{{time}}, by {{name}}',
      lastBackupFolder: 'Scheduled, written to the folder {{folder}}',
      noBackup: 'None yet',
      backupStale: 'No backup for more than {{days}} days.',
    },
    firstRun: {
      otherOrigins: 'There is no data at this address ({{origin}}) yet. This computer has used the workstation at {{origins}}, and that data is still there.',
      otherOriginsBody: 'Data belongs to the address it was opened at: to go on with that data, open the address above instead. Completing first run here sets up a second, empty workstation.',
    },
    errors: {
      storage: {
        full: 'Not enough storage: this file ({{size}}) was not added, as it would take the store past 95% of its space ({{percent}}% used, {{free}} left), where files of {{large}} or more are no longer accepted. Free disk space on this computer and try again, and ask an administrator to back up the data.',
      },
    },
  },
} as const;
