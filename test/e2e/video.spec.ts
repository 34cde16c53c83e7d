// Issue 5 as its users meet it, in headless Chromium with fake cameras: the mediator schedules a
// video session in a case and starts it; two parties open their invitation links in their own
// browsers (separate contexts: nothing shared with the workstation), check their camera, consent
// and wait until admitted; all three decode each other's video (getStats framesDecoded rising);
// back-to-back: the applicant goes to a private room and the respondent stops receiving them;
// everyone back together; the mediator shares the screen; recording only with both consents; a party reloads and is back in the same room by itself; minutes are
// typed, the session ended and the minutes finalised into the case's ledger.
import type { Page } from '@playwright/test';
import { ADMIN, DEFAULT_INSTITUTION, animationsDone, answerDialog, chooseOption, completeFirstRun, createUser, expect, signIn, signOut, test } from './fixtures';
import { assignAndStartMediation, registerNeighbours } from './case-forms';
import { decodes, invitationLinks, joinAsParty, participantCard } from './session-flow';

const MEDIATOR = { username: 'zhaotiao', displayName: '赵调解', role: 'mediator' as const, password: 'Mediator2026' };
const APPLICANT = '黄堃';
const RESPONDENT = '吴三';

test('a video session: schedule, invite, admit, decode, caucus, rejoin after reload, minutes into the ledger', async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await createUser(page, MEDIATOR);
  await registerNeighbours(page);
  await assignAndStartMediation(page, MEDIATOR.displayName);
  const caseHash = new URL(page.url()).hash;
  await signOut(page);

  // The mediator schedules: both parties invited, the respondent by QR code.
  await signIn(page, MEDIATOR.username, MEDIATOR.password);
  await page.goto(`./${caseHash}`);
  await page.getByRole('tab', { name: '视频调解' }).click();
  await page.getByRole('button', { name: '安排视频调解' }).click();
  const schedule = page.getByRole('dialog', { name: '安排视频调解' });
  await animationsDone(page);
  await expect(schedule.getByRole('checkbox', { name: `邀请 ${APPLICANT}` })).toBeChecked();
  await expect(schedule.getByRole('checkbox', { name: `邀请 ${RESPONDENT}` })).toBeChecked();
  await chooseOption(page, schedule.getByLabel(`${RESPONDENT} 的邀请方式`), '扫描二维码');
  // Nobody invited is refused with the reason.
  await schedule.getByRole('checkbox', { name: `邀请 ${APPLICANT}` }).uncheck();
  await schedule.getByRole('checkbox', { name: `邀请 ${RESPONDENT}` }).uncheck();
  await schedule.getByRole('button', { name: '安排' }).click();
  await expect(schedule.getByRole('alert')).toHaveText('请至少邀请一方当事人（申请人或被申请人）。');
  await schedule.getByRole('checkbox', { name: `邀请 ${APPLICANT}` }).check();
  await schedule.getByRole('checkbox', { name: `邀请 ${RESPONDENT}` }).check();
  await schedule.getByRole('button', { name: '安排' }).click();
  await expect(schedule).toBeHidden();
  const card = page.getByRole('region', { name: '第 1 次视频调解' });
  await expect(card).toContainText('已安排');
  await expect(card).toContainText('计划时间');

  // The invitations: a link each, the respondent's also as a QR code; links on this machine.
  const links = await invitationLinks(page, card, 1, baseURL!, [APPLICANT, RESPONDENT], { qr: [RESPONDENT] });
  const applicantLink = links.get(APPLICANT)!;
  const respondentLink = links.get(RESPONDENT)!;
  expect(applicantLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/join\?token=/);

  // Start: the mediator is in the joint room alone.
  await card.getByRole('button', { name: '开始' }).click();
  await expect(page.getByRole('status', { name: '我所在的房间' })).toHaveText('您在：联合调解室', { timeout: 20_000 });
  await expect(participantCard(page, APPLICANT).getByRole('status')).toHaveText('尚未加入');

  // The parties join from their links and wait to be admitted.
  const applicant = await joinAsParty(browser, baseURL!, applicantLink, APPLICANT);
  const respondent = await joinAsParty(browser, baseURL!, respondentLink, RESPONDENT);
  // The join page names who invites, from the signed token.
  await expect(applicant.getByTestId('join-host')).toHaveText(`${DEFAULT_INSTITUTION.institutionName} 调解员 ${MEDIATOR.displayName} 邀请您参加视频调解。`);
  await expect(participantCard(page, APPLICANT).getByRole('status')).toHaveText('等候室');
  await expect(participantCard(page, APPLICANT)).toContainText('已同意在线调解', { timeout: 15_000 }).catch(() => undefined);
  await participantCard(page, APPLICANT).getByRole('button', { name: `准许 ${APPLICANT} 进入` }).click();
  await participantCard(page, RESPONDENT).getByRole('button', { name: `准许 ${RESPONDENT} 进入` }).click();
  await expect(applicant.getByRole('status').filter({ hasText: '您在联合调解室' })).toBeVisible({ timeout: 15_000 });

  // All three decode each other's video.
  await decodes(page, `${APPLICANT}（申请人）`);
  await decodes(page, `${RESPONDENT}（被申请人）`);
  await decodes(applicant, `${MEDIATOR.displayName}（调解员）`);
  await decodes(applicant, `${RESPONDENT}（被申请人）`);
  await decodes(respondent, `${MEDIATOR.displayName}（调解员）`);
  await decodes(respondent, `${APPLICANT}（申请人）`);
  // Consent to online mediation came from each party's own page.
  await expect(participantCard(page, APPLICANT)).toContainText('已同意在线调解');
  await expect(participantCard(page, RESPONDENT)).toContainText('已同意在线调解');

  // Back-to-back: the applicant to private room 1, then the mediator joins them there.
  await chooseOption(page, participantCard(page, APPLICANT).getByRole('combobox', { name: `${APPLICANT} 所在房间` }), '单独谈话室 1');
  await expect(respondent.getByRole('group', { name: `${APPLICANT}（申请人）` })).toHaveCount(0, { timeout: 5_000 });
  await expect(applicant.getByRole('status').filter({ hasText: '您在单独谈话室' })).toBeVisible();
  await expect(applicant.getByRole('group', { name: `${RESPONDENT}（被申请人）` })).toHaveCount(0);
  await chooseOption(page, page.getByRole('combobox', { name: '我所在的房间' }), '单独谈话室 1');
  await expect(page.getByRole('status', { name: '我所在的房间' })).toHaveText('您在：单独谈话室 1');
  await decodes(page, `${APPLICANT}（申请人）`);
  await decodes(applicant, `${MEDIATOR.displayName}（调解员）`);
  // Left alone in the joint room, the respondent is told so, not that everyone sees and hears them.
  await expect(respondent.getByRole('status').filter({ hasText: '您在联合调解室，现在只有您一人，没有人能看到或听到您。' })).toBeVisible();
  await expect(respondent.getByText('各方都能看到和听到您')).toHaveCount(0);
  await expect(respondent.getByRole('group', { name: new RegExp(`^(${MEDIATOR.displayName}|${APPLICANT})（`) })).toHaveCount(0);

  // Everyone back to the joint room.
  await page.getByRole('button', { name: '全体回到联合调解' }).click();
  await expect(page.getByRole('status', { name: '我所在的房间' })).toHaveText('您在：联合调解室');
  await decodes(respondent, `${APPLICANT}（申请人）`);
  await decodes(respondent, `${MEDIATOR.displayName}（调解员）`);

  // The mediator shows a document: the parties see the mediator's screen being shared.
  await page.getByRole('button', { name: '共享屏幕' }).click();
  await expect(applicant.getByRole('group', { name: `${MEDIATOR.displayName}（调解员）` })).toContainText('正在共享屏幕');
  await page.getByRole('button', { name: '停止共享' }).click();
  await expect(applicant.getByRole('group', { name: `${MEDIATOR.displayName}（调解员）` })).not.toContainText('正在共享屏幕');

  // Recording needs everyone's consent: one "no" and nothing is recorded; with both, it is stored.
  const recordingRequest = (party: Page) => party.getByRole('dialog', { name: '调解员请求录像' });
  await page.getByRole('button', { name: '录像', exact: true }).click();
  await recordingRequest(applicant).getByRole('button', { name: '同意录像' }).click();
  await recordingRequest(respondent).getByRole('button', { name: '不同意' }).click();
  await expect(page.getByText(`${RESPONDENT} 不同意录像，录像没有开始。`)).toBeVisible();
  await page.getByRole('button', { name: '录像', exact: true }).click();
  for (const party of [applicant, respondent]) await recordingRequest(party).getByRole('button', { name: '同意录像' }).click();
  await expect(applicant.getByText('调解员正在录像。')).toBeVisible();
  await page.waitForTimeout(2000);
  await page.getByRole('button', { name: '停止录像并保存' }).click();
  await expect(page.getByText('录像已保存，并已记入证据链。')).toBeVisible({ timeout: 30_000 });
  await expect(applicant.getByText('调解员正在录像。')).toHaveCount(0);

  // The respondent reloads the page: back in the same room by themselves, video flowing again.
  await respondent.reload();
  await expect(respondent.getByRole('status').filter({ hasText: '您在联合调解室' })).toBeVisible({ timeout: 20_000 });
  await expect(participantCard(page, RESPONDENT).getByRole('status')).toHaveText('联合调解室', { timeout: 20_000 });
  await decodes(page, `${RESPONDENT}（被申请人）`);
  await decodes(respondent, `${APPLICANT}（申请人）`);

  // Minutes beside the video; the session ends for everyone; the minutes go into the ledger.
  await page.getByLabel('新的笔录内容').fill('申请人称楼上噪音持续三个月；被申请人同意晚十点后不再装修。');
  await page.getByRole('button', { name: '添加笔录' }).click();
  await expect(page.getByRole('list', { name: '笔录条目' })).toContainText('晚十点后不再装修');
  await page.getByRole('button', { name: '结束视频调解' }).click();
  await answerDialog(page.getByRole('dialog', { name: /结束本次视频调解/ }), '结束视频调解');
  await expect(applicant.getByText('调解已结束')).toBeVisible({ timeout: 15_000 });
  await expect(respondent.getByText('调解已结束')).toBeVisible({ timeout: 15_000 });
  await expect(card).toContainText('已结束', { timeout: 15_000 });
  // An ended session shows when it actually ran, not its plan.
  await expect(card).toContainText(/举行时间\d{4}-\d{2}-\d{2} \d{2}:\d{2} 至 \d{2}:\d{2}:\d{2}/);
  await expect(card).toContainText('实际时长');
  await expect(card).not.toContainText('计划时间');
  await expect(card).toContainText(`${APPLICANT} 同意在线调解`);
  await card.getByRole('button', { name: '笔录定稿' }).click();
  await answerDialog(page.getByRole('dialog', { name: /定稿后笔录不能再修改/ }), '笔录定稿');
  await expect(card.getByRole('status').filter({ hasText: '笔录已定稿' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('tab', { name: '证据' }).click();
  await expect(page.getByText('调解笔录（第 1 次视频调解）')).toBeVisible();
  await expect(page.getByText(/视频调解录像（第 1 次/)).toBeVisible();
  await page.getByRole('tab', { name: '操作记录' }).click();
  await expect(page.getByText('调解笔录定稿')).toBeVisible();

  for (const party of [applicant, respondent]) {
    expect(((party as Page & { errors?: Error[] }).errors ?? []).map((e) => e.message)).toEqual([]);
    await party.context().close();
  }
});

test('a broken or expired invitation link says what to do', async ({ page }) => {
  await page.goto('./#/join?token=not-a-token');
  await expect(page.getByText('邀请链接不完整')).toBeVisible();
  await page.goto('./#/join');
  await expect(page.getByText('邀请链接不完整')).toBeVisible();
});

test('when no connection can be made (no relay for a strict network), both sides are told what to try', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  const response = await fetch(`${origin}/signal/tokens`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ session: `ice-failure-${Date.now()}`, ttlSeconds: 600, participants: [{ role: 'mediator', name: '赵调解' }, { role: 'mediator', name: '钱调解' }] }),
  });
  expect(response.status).toBe(200);
  const { tokens } = (await response.json()) as { tokens: { name: string; token: string }[] };
  const pages: Page[] = [];
  for (const [index, { token }] of tokens.entries()) {
    const context = await browser.newContext({ baseURL: baseURL!, locale: 'zh-CN' });
    if (index === 1) {
      // A network that allows only relayed media, with no relay (TURN) server: ICE cannot succeed.
      await context.addInitScript(() => {
        const Native = window.RTCPeerConnection;
        window.RTCPeerConnection = class extends Native {
          constructor(config?: RTCConfiguration) {
            super({ ...config, iceTransportPolicy: 'relay' });
          }
        } as typeof RTCPeerConnection;
      });
    }
    const page = await context.newPage();
    await page.goto(`./#/join?token=${encodeURIComponent(token)}`);
    await page.getByRole('checkbox', { name: /我同意通过网络视频方式参加/ }).check();
    await page.getByRole('button', { name: '加入调解' }).click();
    pages.push(page);
  }
  const [first, second] = pages as [Page, Page];
  await expect(first.getByRole('alert').filter({ hasText: '无法与 钱调解 建立音视频连接' })).toContainText('换一个网络', { timeout: 60_000 });
  await expect(second.getByRole('alert').filter({ hasText: '无法与 赵调解 建立音视频连接' })).toContainText('中继（TURN）服务器', { timeout: 60_000 });
  await expect(first.getByRole('button', { name: '重试' })).toBeVisible();
  for (const page of pages) await page.context().close();
});
