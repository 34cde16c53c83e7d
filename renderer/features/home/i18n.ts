// Texts of the signed-in landing page: the administrator's setup checklist and the institution's figures (namespace `home`).
export const resources = {
  'zh-CN': {
    figures: { title: '本机构案件', total: '案件总数' },
    checklist: {
      title: '接下来要做的事',
      intro: '还有 {{count}} 项设置未完成，完成后本清单会自动消失。',
      done: '已完成',
      unreadable: '无法读取设置进度，请刷新页面重试。',
      step: {
        add_mediators: '添加调解员',
        add_clerks: '添加书记员',
        institution_identity: '生成本机构的签名身份',
        mediator_certificates: '为调解员签发证书',
        court_intake: '设置法院的收件地址',
      },
      where: {
        add_mediators: '在“用户管理”中为每位调解员或律师建立账户',
        add_clerks: '在“用户管理”中为书记员建立账户',
        institution_identity: '在“设置”的“机构签名身份”中生成或导入证书',
        mediator_certificates: '在“设置”的“调解员证书”中为每位调解员签发，签署协议书时需要',
        court_intake: '在“设置”的“机构信息”中填写所属法院的收件地址，用于提交司法确认申请',
      },
    },
  },
  'en-US': {
    figures: { title: 'The institution’s cases', total: 'All cases' },
    checklist: {
      title: 'What to do next',
      intro: '{{count}} setup steps are left; this list disappears once they are done.',
      done: 'Done',
      unreadable: 'The setup progress could not be read. Reload the page to try again.',
      step: {
        add_mediators: 'Add mediators',
        add_clerks: 'Add clerks',
        institution_identity: 'Generate the institution’s signing identity',
        mediator_certificates: 'Issue mediator certificates',
        court_intake: 'Set the court’s intake address',
      },
      where: {
        add_mediators: 'Create an account for each mediator or lawyer under Users',
        add_clerks: 'Create an account for each clerk under Users',
        institution_identity: 'Generate or import a certificate under Settings → Institution signing identity',
        mediator_certificates: 'Issue one to each mediator under Settings → Mediator certificates; signing agreements needs it',
        court_intake: 'Enter your court’s intake address under Settings → Institution, to submit applications for judicial confirmation',
      },
    },
  },
};
