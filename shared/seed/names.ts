// Material for realistic synthetic people, places and firms. Surnames are the most frequent in
// China's 2020 census; a few given-name characters are rare ones outside GB 2312 (堃 喆 䶮,
// included on purpose: the intake must accept any Han character).
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 7.1], ['李', 7.0], ['张', 6.8], ['刘', 5.4], ['陈', 4.6], ['杨', 3.1], ['黄', 2.5], ['赵', 2.3],
  ['吴', 2.0], ['周', 1.9], ['徐', 1.5], ['孙', 1.5], ['马', 1.4], ['朱', 1.3], ['胡', 1.2], ['郭', 1.1],
  ['何', 1.0], ['林', 1.0], ['高', 1.0], ['罗', 0.9], ['郑', 0.9], ['梁', 0.8], ['谢', 0.7], ['宋', 0.6],
  ['唐', 0.6], ['许', 0.6], ['韩', 0.5], ['邓', 0.5], ['冯', 0.5], ['曹', 0.5], ['彭', 0.5], ['曾', 0.4],
  ['萧', 0.3], ['欧阳', 0.05], ['司马', 0.01], ['诸葛', 0.01],
];

export const GIVEN_CHARS: readonly string[] = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀',
  '霞', '平', '刚', '桂', '英', '华', '文', '玉', '兰', '建', '国', '志', '红', '海', '峰', '鑫', '宇', '浩',
  '欣', '怡', '子', '涵', '梓', '轩', '晨', '雨', '博', '思', '佳', '嘉', '俊', '婷', '德', '福', '春', '秋',
];

/** Characters outside GB 2312 that real people are named with; the intake must accept them. */
export const RARE_GIVEN_CHARS: readonly string[] = ['堃', '喆', '䶮', '昇', '赟', '玥', '翀', '彧'];

export const STREETS: readonly string[] = [
  '中山路', '人民路', '解放路', '建设路', '北京路', '长江路', '黄山路', '九华山路', '文化路', '银湖路', '赭山路', '新华路',
];

export const DISTRICTS: readonly string[] = ['镜湖区', '弋江区', '鸠江区', '湾沚区', '繁昌区', '无为市', '南陵县'];

export const FIRM_WORDS: readonly string[] = ['华信', '恒通', '长江', '徽商', '新安', '金鼎', '瑞丰', '安泰', '远航', '宏达', '江城', '芜湖'];
export const FIRM_KINDS: readonly string[] = ['建筑工程有限公司', '物业管理有限公司', '商贸有限公司', '科技有限公司', '汽车销售服务有限公司', '餐饮管理有限公司', '劳务有限公司'];
export const LAW_FIRMS: readonly string[] = ['安徽江城律师事务所', '安徽徽商律师事务所', '安徽新安律师事务所'];
export const HOSPITALS: readonly string[] = ['芜湖市第一人民医院', '芜湖市第二人民医院', '弋矶山医院', '芜湖市中医医院'];
export const INSURERS: readonly string[] = ['中国人民财产保险', '中国平安财产保险', '中国太平洋财产保险', '中华联合财产保险'];

/** Administrative division codes (first six ID digits) of the Wuhu area and a few elsewhere. */
export const AREA_CODES: readonly string[] = ['340202', '340203', '340207', '340209', '340210', '340212', '340223', '340225', '340104', '320102', '330106'];
