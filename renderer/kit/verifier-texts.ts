// Texts of the package verification (namespace `verification`): what every check result, listed
// problem and zip refusal says, for the court clerk and for the center's own check of its package.
// en-US is the verifier's own English (shared/confirmation/check-texts.ts), loaded unchanged so the
// screen says what `mw package verify` prints; zh-CN is written here, one text per key — the type
// makes a missing one a compile error. A detail whose key has no text (a record made by a newer
// version) is shown with the English message it was recorded with.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { z } from 'zod';
import { checkResultSchema, renderDetail, type CheckDetail, type CheckResult, type DetailParams } from '../../shared/confirmation/check-detail';
import { CHECK_TEXTS_EN, type CheckKey, type CheckText } from '../../shared/confirmation/check-texts';
import type { NamespaceResources, Texts } from './texts';
import { languageSchema } from '../../shared/domain/model';
import { DEFAULT_LANGUAGE } from './language';
import { readableValues } from './time';

export const VERIFICATION_NS = 'verification';

const ZH: Readonly<Record<CheckKey, string>> = {
  'list.separator': '；',
  'list.more': '；另有 {{more}} 项',
  'list.path': '{{path}}',

  'zip.in_entry': '条目“{{entry}}”：{{items}}',
  'zip.read_past_end': '读取位置超出压缩包末尾',
  'zip.ended_early': '文件提前结束：读取过程中文件被改动或截断',
  'zip.truncated_while_read': '文件提前结束：读取过程中文件被截断',
  'zip.huge_value': '某个 64 位的大小或偏移量大得不可能成立',
  'zip.extra_truncated': '其扩展字段不完整',
  'zip.extra_overrun': '其扩展字段超出自身长度',
  'zip.extra_twice': '其扩展字段 {{field}} 重复出现',
  'zip.unicode_malformed': '其 Unicode 路径字段格式错误',
  'zip.zip64_missing': '其大小或偏移量标记为 ZIP64，却没有相应的 ZIP64 字段',
  'zip.name_not_marked_utf8':
    '第 {{index}} 个条目的文件名含非 ASCII 字节（{{bytes}}…），但未标记为 UTF-8（zip 标志位 11），不同工具会按不同编码读出不同的文件名；请用能写入 UTF-8 文件名的工具重新打包',
  'zip.name_not_utf8': '第 {{index}} 个条目的文件名不是有效的 UTF-8',
  'zip.too_small': '文件太小，不可能是 zip 压缩包',
  'zip.truncated_end': 'zip 文件不完整：缺少中央目录结束记录',
  'zip.not_zip': '该文件不是 zip 压缩包',
  'zip.multi_disk': '不支持分卷压缩包',
  'zip.end_count': '结束记录中两处所载条目数不一致',
  'zip.zip64_outside': 'ZIP64 结束记录位于压缩包之外：文件不完整或已损坏',
  'zip.zip64_record_missing': 'ZIP64 定位记录所指之处没有 ZIP64 结束记录',
  'zip.zip64_size': 'ZIP64 结束记录的长度不正确',
  'zip.zip64_count': 'ZIP64 结束记录中两处所载条目数不一致',
  'zip.end_disagree': '结束记录与 ZIP64 结束记录不一致',
  'zip.too_many_entries': '压缩包含 {{entries}} 个条目，最多只接受 {{max}} 个',
  'zip.directory_too_large': '中央目录有 {{bytes}} 字节，最多只接受 {{max}} 字节',
  'zip.directory_misplaced': '中央目录的结束位置与结束记录的起始位置不符：文件不完整或被插入了数据',
  'zip.central_damaged': '中央目录第 {{index}} 项缺失或损坏',
  'zip.central_overrun': '中央目录第 {{index}} 项超出目录范围',
  'zip.other_disk': '该条目位于分卷压缩包的另一卷',
  'zip.unsafe_name': '文件名不安全：{{items}}',
  'zip.unicode_other_name': '其 Unicode 路径字段与文件头所载文件名不同（不同工具会读出不同的文件名）',
  'zip.encrypted': '该条目已加密',
  'zip.unknown_flags': '使用了未知标志 {{flags}}',
  'zip.method': '使用了压缩方法 {{method}}；只能读取未压缩（stored）或 deflate 压缩的条目',
  'zip.version': '需要 zip 版本 {{version}}',
  'zip.symlink': '该条目是符号链接',
  'zip.special': '该条目是设备、套接字或管道，不是普通文件',
  'zip.folder_mismatch': '该条目标记为文件夹却以文件命名，或者相反',
  'zip.folder_data': '文件夹条目带有数据',
  'zip.stored_size': '该条目未经压缩，却声称由 {{compressed}} 字节得到 {{size}} 字节',
  'zip.bomb': '该条目会由 {{compressed}} 字节解压为 {{size}} 字节（超过 {{ratio}}:1）：属于“zip 炸弹”',
  'zip.total': '压缩包解压后将超过 {{gib}} GiB',
  'zip.directory_extra': '中央目录的条目多于结束记录所载数目',
  'zip.bomb_many': '全部 deflate 压缩条目合计会由 {{compressed}} 字节解压为 {{size}} 字节（超过 {{ratio}}:1）：由大量小条目组成的“zip 炸弹”',
  'zip.duplicate': '该文件名在压缩包中出现两次',
  'zip.case': '其文件名与“{{earlier}}”仅大小写不同',
  'zip.file_is_folder': '“{{parent}}”是文件，不能同时作为本条目所在的文件夹',
  'zip.overlap': '与前一个条目重叠（zip 炸弹的手法，或压缩包已损坏）',
  'zip.gap': '其前有 {{bytes}} 个来历不明的字节',
  'zip.local_past': '其本地文件头位于文件数据区之外',
  'zip.local_missing': '缺少本地文件头',
  'zip.local_overrun': '其本地文件头超出文件数据区',
  'zip.local_name': '本地文件头所载文件名与中央目录不同',
  'zip.local_unicode': '其 Unicode 路径字段与文件头所载文件名不同',
  'zip.local_fields': '本地文件头与中央目录不一致（版本、标志、压缩方法或时间）',
  'zip.local_size': '本地文件头所载大小或 CRC-32 与中央目录不同',
  'zip.data_overrun': '其数据超出文件数据区末尾：zip 文件不完整',
  'zip.trailing_gap': '最后一个条目与中央目录之间有 {{bytes}} 个来历不明的字节',
  'zip.descriptor': '其数据描述符缺失或与中央目录不一致',
  'zip.inflates_more': '解压后超过其声明的 {{size}} 字节（zip 炸弹）',
  'zip.damaged': '其压缩数据已损坏（{{reason}}）',
  'zip.inflates_other': '解压得到 {{produced}} 字节，而非其声明的 {{size}} 字节',
  'zip.outside_folder': '该条目会被写到解压文件夹之外',
  'zip.target_exists': '{{path}} 已存在；请另指定一个新文件夹用于解压',
  'zip.target_failed': '无法创建 {{path}}（{{reason}}）',

  ambiguous: '存在歧义，无论其本意如何一律拒绝：{{items}}；其他软件读出的内容可能与本次核验不同',
  'ambiguity.pdf_xref_duplicate': '第 {{at}} 字节处的交叉引用表两次列出对象 {{object}}',
  'ambiguity.pdf_xref_overlap': '第 {{at}} 字节处的交叉引用表各小节在对象 {{object}} 处重叠',
  'ambiguity.pdf_xref_stream_overlap': '第 {{at}} 字节处的交叉引用流两次列出对象 {{object}}（其 /Index 范围重叠）',
  'ambiguity.pdf_hybrid': '第 {{at}} 字节处的文件尾同时指向交叉引用流（/XRefStm，混合引用文件）：新旧阅读器读出的对象不同',
  'ambiguity.pdf_object_twice': '对象 {{object}} 在同一修订版本中定义了两次（第 {{first}} 与第 {{second}} 字节）',
  'ambiguity.pdf_structure_unreadable': '其交叉引用表或正文无法完整读取（{{reason}}），无法保证各阅读器显示的内容一致',
  'ambiguity.pdf_body_unreadable': '在第 {{at}} 字节结束的修订版本中，第 {{position}} 字节处的内容不是对象，重建文件的阅读器可能从中读出对象',
  'ambiguity.zip_name_twice': '文件名“{{name}}”在压缩包中出现两次',
  'ambiguity.zip_name_folded': '“{{name}}”与“{{earlier}}”在忽略大小写或 Unicode 规范化（NFC/NFKC）后是同一个文件名',
  'ambiguity.zip_local_name': '条目“{{name}}”：本地文件头所载文件名与中央目录不同',
  'ambiguity.zip_unicode_path': '条目“{{name}}”：其 Unicode 路径字段与文件头所载文件名不同',
  'ambiguity.zip_local_fields': '条目“{{name}}”：本地文件头与中央目录不一致（版本、标志、压缩方法或时间）',
  'ambiguity.zip_local_size': '条目“{{name}}”：本地文件头所载大小或 CRC-32 与中央目录不同',
  'ambiguity.json_duplicate_key': '{{file}} 在同一对象中两次出现键“{{key}}”（{{path}}）',

  'unusable.manifest_too_large': 'manifest.json 大于 {{mib}} MiB：这不是司法确认材料包。',
  'unusable.manifest_missing': '缺少 manifest.json：这不是司法确认材料包。',
  'unusable.file_too_large': '{{path}} 大于 {{limit}} 字节。',

  'path.problem': '{{path}}：{{items}}',
  'path.empty': '路径为空',
  'path.not_unicode': '路径不是有效的 Unicode',
  'path.control': '路径含控制字符',
  'path.invisible': '路径含不可见字符或改变文字方向的字符',
  'path.not_nfc': '路径不是 Unicode NFC 规范形式',
  'path.too_long': '路径超过 {{max}} 个字符',
  'path.backslash': '路径含反斜杠',
  'path.absolute': '路径是绝对路径',
  'path.drive': '路径以盘符开头',
  'path.forbidden_char': '路径含 < > : " | ? * 之一',
  'path.too_deep': '路径超过 {{max}} 层',
  'path.empty_segment': '路径中有空的层级',
  'path.dot_segment': '路径含 . 或 .. 层级',
  'path.space_or_dot': '路径中某一层以空格开头，或以空格或句点结尾',
  'path.device': '“{{segment}}”是 Windows 保留的设备名',
  'path.twice': '“{{path}}”出现两次',
  'path.case': '“{{earlier}}”与“{{path}}”仅大小写不同',
  'path.file_is_folder': '“{{folder}}”是文件，又是“{{path}}”所在的文件夹',
  'paths.ok': '材料包内 {{files}} 个文件的文件名均安全。',
  'paths.unsafe': '文件名不安全或相互冲突：{{items}}。',

  'manifest.not_json': 'manifest.json 不是 UTF-8 编码的 JSON。',
  'manifest.invalid': 'manifest.json 不是有效的材料包清单：字段 {{field}}：{{problem}}。',
  'manifest.not_canonical': 'manifest.json 不是规范形式（RFC 8785）：生成后被改写过。',
  'manifest.ok': 'manifest.json 载明材料包 {{packageId}}，共 {{files}} 个文件。',

  'certificate.too_large': '{{file}} 过大，不可能是证书。',
  'certificate.missing': '缺少 {{file}}：无法核验调解组织的签名。',
  'certificate.count': '{{file}} 含 {{found}} 份证书，而应仅含调解组织本身的一份。',
  'certificate.unreadable': '{{file}} 不是可读取的 RSA 证书。',
  'certificate.not_named': '{{file}} 不是清单所载的证书（SHA-256 {{sha256}}）。',
  'certificate.credit_code': '调解组织证书所载统一社会信用代码为 {{certificate}}，清单所载为 {{manifest}}。',
  'certificate.chain': '调解组织的证书链不成立：{{items}}。',
  'certificate.ok': '调解组织证书：{{subject}}（SHA-256 指纹 {{fingerprint}}）。',
  'certificate.ok_issued': '调解组织证书：{{subject}}（SHA-256 指纹 {{fingerprint}}），由 {{issuers}} 签发（{{file}}）。',
  'chain.too_large': '{{file}} 过大，不可能是证书链',
  'chain.unreadable': '{{file}} 无法读取',
  'chain.bad_certificate': '{{file}} 中有无法读取的证书',
  'chain.empty': '{{file}} 中没有证书',
  'chain.in_file': '{{file}}：{{items}}',
  'chain.not_issued': '{{issuer}} 并未有效签发 {{subject}}：{{items}}',
  'chain.stray': '{{names}} 不在 {{leaf}} 的证书链中',
  'issuance.other_issuer': '其所载签发者是另一证书',
  'issuance.bad_signature': '其签名无法用签发者的公钥验证',
  'issuance.issuer_not_ca': '签发者不是 CA 证书（没有 CA 基本约束或 keyCertSign 用途）',
  'issuance.issuer_not_valid': '签名时签发者的证书不在有效期内',
  'issuance.not_own': '该证书不是调解组织本身的证书',

  'signature.too_large': 'manifest.p7s 过大，不可能是签名。',
  'signature.missing': '缺少 manifest.p7s：清单未经签名。',
  'signature.ok': 'manifest.p7s 是对 manifest.json 的有效 CMS 签名。',
  'signature.invalid': 'manifest.p7s 不是对 manifest.json 的有效签名：{{items}}。',
  'cms.too_large': '签名文件大于 {{kib}} KiB',
  'cms.unreadable': '无法作为 CMS 签名读取（{{reason}}）',
  'cms.algorithm': '使用了 SHA-256 与 RSA 以外的算法',
  'cms.content_type': '其 content-type 属性缺失或不是 data',
  'cms.digest_mismatch': '{{file}} 在签名后被改动（消息摘要不符）',
  'cms.no_signer': '签名中没有签名人的证书',
  'cms.weak_key': '签名人的密钥短于 {{bits}} 位',
  'cms.bad_signature': '签名无法用签名人证书的公钥验证',
  'signer.unsigned': '没有签名，无法核验签名人。',
  'signer.no_certificate': '签名中没有签名人的证书。',
  'signer.no_institution': '调解组织证书缺失或无法读取，无法据以核验签名人。',
  'signer.no_time': '签名未载明签名时间。',
  'signer.not_valid': '签名人证书（{{who}}）在签名时（{{when}}）不在有效期内。',
  'signer.not_institution': 'manifest.json 由 {{who}}（SHA-256 指纹 {{fingerprint}}）签名，而非由调解组织签名：{{items}}。',
  'signer.ok': 'manifest.json 由 {{who}} 于 {{when}} 签名。',

  'pinned.no_certificate': '调解组织证书缺失，无法与本院登记的证书核对。',
  'pinned.trusted': '调解组织证书是本院登记的调解组织证书之一。',
  'pinned.through_chain': '调解组织证书经 {{file}} 由本院登记的证书 {{anchor}} 签发。',
  'pinned.unknown': '调解组织证书（SHA-256 指纹 {{fingerprint}}）不是本院登记的任何调解组织证书，无法确认材料包出自该调解组织。',

  'files.all_present': '清单所列文件均在材料包内（{{files}} 个）。',
  'files.missing': '清单所列下列文件不在材料包内：{{items}}。',
  'files.none_unlisted': '材料包内没有清单未列明的文件。',
  'files.unlisted': '材料包内有清单未列明的文件：{{items}}。',
  'files.intact': '各文件的大小与 SHA-256 均与清单一致。',
  'files.differ': '下列文件与清单不符：{{items}}。',
  'file.problem': '{{path}}：{{items}}',
  'file.missing': '缺失',
  'file.size': '大小为 {{size}} 字节，清单载明 {{expected}} 字节',
  'file.changed': 'SHA-256 与清单不符，文件已被改动',
  'file.crc': 'CRC-32 与 zip 目录不符，该条目已损坏或被改动',

  'sums.too_large': 'SHA256SUMS 过大。',
  'sums.missing': '缺少 SHA256SUMS。',
  'sums.not_utf8': 'SHA256SUMS 不是 UTF-8 文本。',
  'sums.bad_line': 'SHA256SUMS 第 {{line}} 行不符合“<sha256>  <路径>”格式。',
  'sums.mismatch': 'SHA256SUMS 与材料包不符：{{items}}。',
  'sums.twice': '{{path}} 被列出两次',
  'sums.not_in_package': '{{path}} 不是材料包内的文件',
  'sums.other_than_file': '{{path}} 所列 SHA-256 与该文件本身不符',
  'sums.other_than_manifest': '{{path}} 所列 SHA-256 与清单不符',
  'sums.not_listed': '{{path}} 未列出',
  'sums.rewritten': 'SHA256SUMS 所列哈希无误，但格式并非生成程序写出的格式（按清单顺序每个文件一行“<sha256>  <路径>”）：该文件被改写过。',
  'sums.ok': 'SHA256SUMS 按清单的哈希列出了 {{files}} 个文件（可用 sha256sum -c 核对）。',

  'agreement_pdf.too_large': 'agreement.pdf 过大，不可能是调解协议书。',
  'agreement_pdf.missing': '缺少 agreement.pdf（调解协议书）。',
  'agreement_pdf.no_institution': '调解组织证书缺失，无法确认 agreement.pdf 出自该调解组织。',
  'agreement_pdf.ok': 'agreement.pdf 先由调解员 {{mediator}} 签名，再由调解组织 {{institution}} 签名，此后未被改动。',
  'agreement_pdf.failed': 'agreement.pdf（调解协议书）：{{items}}。',
  'application_pdf.too_large': 'application.pdf 过大，不可能是申请书。',
  'application_pdf.missing': '缺少 application.pdf（司法确认申请书）。',
  'application_pdf.not_pdf': 'application.pdf 不是 PDF 文件。',
  'application_pdf.hand_signed': 'application.pdf 未带数字签名（当事人手写签名的，属正常情形）。',
  'application_pdf.ok': 'application.pdf 载有 {{count}} 个有效签名。',
  'application_pdf.failed': 'application.pdf（司法确认申请书）：{{items}}。',
  'pdf.signature': '第 {{n}} 个签名（{{who}}）：{{items}}',
  'pdf.not_certified': '第 {{n}} 个签名由 {{who}} 作出，其证书并非由调解组织签发',
  'pdf.too_many_to_examine': '签名过多，无法逐一核验',
  'pdf.changed_after_last': '文件在最后一个签名之后被改动',
  'pdf.byte_range_invalid': '其 /ByteRange 缺失、格式错误或指向文件之外',
  'pdf.contents_invalid': '其签名范围的间隔并非恰为签名字典的 /Contents 十六进制串',
  'pdf.contents_too_large': '其 /Contents 超过 {{max}} 个十六进制字符',
  'pdf.unsupported_filter': '其 /SubFilter 不是 adbe.pkcs7.detached 或 ETSI.CAdES.detached',
  'pdf.malformed_cms': '其 CMS 签名无法读取',
  'pdf.unsupported_algorithm': '使用了 SHA-256 与 RSA 以外的算法，或以密钥标识符指明签名人',
  'pdf.no_signer_certificate': '签名中未嵌入签名人的证书',
  'pdf.unsupported_key': '签名人证书中的密钥不是 RSA 密钥',
  'pdf.weak_key': '签名人的 RSA 密钥短于 {{bits}} 位',
  'pdf.digest_mismatch': '签名所覆盖的内容在签名后被改动（消息摘要不符）',
  'pdf.bad_signature': '签名无法用签名人证书的公钥验证',
  'pdf.no_signing_time': '签名未载明签名时间',
  'pdf.certificate_expired': '签名时签名人的证书已过期',
  'pdf.certificate_not_yet_valid': '签名时签名人的证书尚未生效',
  'pdf.not_pdf': '不是 PDF 文件（前 1024 字节内没有 %PDF- 文件头）',
  'pdf.too_many_signatures': '文件含 {{max}} 个以上的 /ByteRange，只核验了前 {{max}} 个',
  'pdf.no_signature': 'PDF 没有数字签名',
  'pdf.signature_count': '调解协议书应恰有两个签名（先调解员、后调解组织），本文件有 {{found}} 个',
  'pdf.changed_after_signing': '文件在最后一个签名之后被改动：第 {{n}} 个签名（{{who}}）未覆盖整个文件',
  'pdf.order': '调解组织的签名未覆盖调解员签名后的版本',
  'pdf.update_opaque': '调解员签名之后的更新把对象藏在对象流或交叉引用流中，无法核查其改动了什么',
  'pdf.changed_after_mediator': '调解员签名之后的更新改动了已签名的内容，而不只是加上调解组织的签名：{{changes}}',
  'pdf.chain_unverifiable': '无法核验证书链：某一签名人的证书缺失或无法读取',
  'pdf.chain_same_certificate': '调解员与调解组织的签名使用了同一份证书',
  'pdf.chain_not_issued_by_institution': '调解员的证书（{{mediator}}）并非由调解组织的证书（{{institution}}）签发',
  'pdf.chain_issuer_not_ca': '调解组织的证书无权签发证书（没有 CA 基本约束或 keyCertSign 用途）',
  'pdf.chain_issuer_not_valid': '调解员签名时，调解组织的证书不在有效期内',
  'pdf.institution_not_pinned': '调解组织的证书（{{who}}）不是本院登记的调解组织证书',
  'pdf.other': '{{message}}',

  'ledger.file_missing': '缺少 {{file}}：无法核验证据账本。',
  'ledger.file_too_large': '{{file}} 大于 {{mib}} MiB：无法核验证据账本。',
  'ledger.no_institution': '没有调解组织证书，无法核验证据账本的签名。',
  'ledger.invalid_json': 'ledger.json、checkpoints.json 或 proofs.json 无效：无法核验证据账本。',
  'ledger.entries_unreadable': '无法读取 ledger/entries.json（{{reason}}）。',
  'ledger.case_ok': '证据账本属于本材料包所涉案件 {{caseId}}。',
  'ledger.other_case': '证据账本属于其他案件（{{others}}），而非本材料包所涉案件 {{caseId}}。',
  'ledger.chain_ok': '证据账本的 {{entries}} 条记录完整且前后相链，检查点签名与各项证明均成立。',
  'ledger.chain_broken': '证据账本：{{items}}',
  'ledger.count_mismatch': 'ledger.json 载明 {{announced}} 条记录，entries.json 实有 {{held}} 条。',
  'ledger.checkpoint_ok': '调解组织签名的检查点覆盖全部 {{entries}} 条记录。',
  'ledger.no_valid_checkpoint': '证据账本没有任何检查点带有调解组织对其记录的有效签名。',
  'ledger.checkpoint_partial': '已签名的检查点只覆盖 {{entries}} 条记录中的 {{covered}} 条。',
  'ledger.proofs_invalid': 'ledger/proofs.json 不是一组证明。',
  'ledger.inclusion_ok': '账本所记的 {{files}} 个文件均经证明包含在已签名的检查点中。',
  'ledger.inclusion_failed': '{{items}}。',
  'ledger_problem.entry_invalid': '某条记录格式无效（{{detail}}）',
  'ledger_problem.entry_sequence': '记录序号不连续：有记录被删除、重复或调换了顺序（{{detail}}）',
  'ledger_problem.entry_case': '某条记录属于其他案件（{{detail}}）',
  'ledger_problem.entry_reference': '某条记录引用的不是在它之前的有效记录（{{detail}}）',
  'ledger_problem.entry_changed': '某条记录与检查点所承诺的记录不同：已被改动（{{detail}}）',
  'ledger_problem.chain_broken': '记录之间的哈希链断裂：有记录被改动（{{detail}}）',
  'ledger_problem.file_mismatch': '某条记录所记文件与其 SHA-256 不符：文件已被改动（{{detail}}）',
  'ledger_problem.file_missing': '某条记录所记文件缺失（{{detail}}）',
  'ledger_problem.checkpoint_invalid': '某个检查点格式无效（{{detail}}）',
  'ledger_problem.checkpoint_case': '某个检查点属于其他案件（{{detail}}）',
  'ledger_problem.checkpoint_size': '检查点覆盖的记录多于账本实有记录：末尾的记录缺失（{{detail}}）',
  'ledger_problem.checkpoint_signature': '某个检查点的签名对调解组织的证书无效（{{detail}}）',
  'ledger_problem.checkpoint_root': '某个检查点与记录不符：其覆盖的记录中有被改动的（{{detail}}）',
  'ledger_problem.checkpoint_order': '检查点顺序有误：后一个小于前一个（{{detail}}）',
  'ledger_problem.proof_invalid': '证明（proofs.json）不成立（{{detail}}）',
  'ledger_problem.checkpoint_uncovered': '账本末尾 {{count}} 条记录（自第 {{first}} 条起，从 0 起数）没有任何调解组织签名的检查点覆盖：无从证明其未被改写。',
  'inclusion.not_recorded': '{{path}} 未记入证据账本',
  'inclusion.no_entry': '{{path}} 指向账本第 {{seq}} 条记录，但账本中没有该记录',
  'inclusion.other_file': '{{path}} 不是账本第 {{seq}} 条记录所记的文件',
  'inclusion.withdrawn': '{{path}} 已由账本第 {{by}} 条记录撤回，不再作为证据',
  'inclusion.no_proof': '{{path}} 没有包含于已签名检查点的证明',
  'inclusion.proof_fails': '{{path}}（第 {{seq}} 条记录）的包含证明不成立',

  'checklist.application.included': '已附司法确认申请书。',
  'checklist.application.missing': '缺少司法确认申请书。',
  'checklist.application.several': '有多个文件被标为申请书。',
  'checklist.agreement.included': '已附人民调解协议书。',
  'checklist.agreement.missing': '缺少人民调解协议书。',
  'checklist.agreement.several': '有多个文件被标为调解协议书。',
  'checklist.parties.joint': '纠纷双方共同申请。',
  'checklist.parties.one_side': '司法确认须由纠纷双方当事人共同申请：材料包中须有纠纷双方的当事人。',
  'checklist.identity.included': '已附全部 {{parties}} 名当事人及代理人的身份证明。',
  'checklist.identity.missing': '缺少下列人员的身份证明：{{items}}。',
  'checklist.authority.no_agent': '当事人均未委托代理人，无需授权委托书。',
  'checklist.authority.included': '已附全部代理人的授权委托书。',
  'checklist.authority.missing': '缺少下列代理人的授权委托书：{{items}}。',
  'checklist.property.included': '已附所涉财产的权利证明（{{count}} 个文件）。',
  'checklist.property.not_concerned': '协议不涉及财产，无需财产权利证明。',
  'checklist.property.missing': '协议涉及财产，但未附财产权利证明材料。',
  'party.applicant': '{{name}}（调解申请人）',
  'party.respondent': '{{name}}（调解被申请人）',
  'party.third_party': '{{name}}（第三人）',
  'party.agent': '{{name}}（代理人）',

  'deadline.not_a_date': '收到日期 {{date}} 不是有效的日历日期。',
  'deadline.stated_wrong': '清单载明的申请截止日为 {{stated}}，但协议于 {{effective}} 生效，截止日应为 {{deadline}}。',
  'deadline.received_on': '收到日期 {{received}}',
  'deadline.first_filing': '按首次收到日期 {{received}} 计算（本版本系补正后报送，延续首次申请）',
  'deadline.before_effective': '{{items}}，早于协议生效日（{{effective}}）。',
  'deadline.late': '{{items}}，已超过 30 日申请期限（至 {{deadline}} 届满）{{count}} 日（协议于 {{effective}} 生效）。',
  'deadline.in_time': '{{items}}，在 30 日申请期限（至 {{deadline}} 届满）内，尚余 {{count}} 日。',
};

/** Labels of the filing page around the checks. */
const SCREEN = {
  'zh-CN': { firstReceived: '首次收到日（期限起算）', versionReceived: '本版本收到' },
  'en-US': { firstReceived: 'First received (limit counted from)', versionReceived: 'This version received' },
} as const;

/** `a.b.c` → { a: { b: { c } } }; a key that is also another's prefix cannot be both. */
function tree(entries: readonly (readonly [string, string])[]): Texts {
  const root: Record<string, unknown> = {};
  for (const [key, text] of entries) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = (node[part] ??= {});
      if (typeof next !== 'object') throw new Error(`verification texts: ${key} is below a text`);
      node = next as Record<string, unknown>;
    }
    const leaf = parts.at(-1) as string;
    if (leaf in node) throw new Error(`verification texts: ${key} is also a group`);
    node[leaf] = text;
  }
  return root as Texts;
}

/** i18next's plural keys for a text with forms; the one Chinese form serves both. */
function forms(key: string, en: CheckText, zh: string): { en: [string, string][]; zh: [string, string][] } {
  if (typeof en === 'string') return { en: [[key, en]], zh: [[key, zh]] };
  return { en: [[`${key}_one`, en.one], [`${key}_other`, en.other]], zh: [[`${key}_one`, zh], [`${key}_other`, zh]] };
}

function buildResources(): NamespaceResources {
  const en: [string, string][] = [];
  const zh: [string, string][] = [];
  for (const key of Object.keys(CHECK_TEXTS_EN) as CheckKey[]) {
    const pair = forms(key, CHECK_TEXTS_EN[key], ZH[key]);
    en.push(...pair.en);
    zh.push(...pair.zh);
  }
  return { 'zh-CN': { ...tree(zh), screen: SCREEN['zh-CN'] }, 'en-US': { ...tree(en), screen: SCREEN['en-US'] } };
}

export const resources = buildResources();

/** What the verifier said: the detail when it was recorded, and its English message. */
export interface Said {
  message: string;
  detail?: CheckDetail | undefined;
}

/** The detail in the language of `i18n`, or null when a key in it has no text there. */
export function detailText(i18n: Pick<I18n, 't' | 'exists'> & { language?: string }, d: CheckDetail): string | null {
  const language = languageSchema.safeParse(i18n.language).data ?? DEFAULT_LANGUAGE;
  return renderDetail(d, (key: string, params: DetailParams) => {
    // Only the verifier's own keys: a detail from elsewhere (a court's intake) may name a group of texts.
    if (!Object.hasOwn(CHECK_TEXTS_EN, key)) return null;
    // A signing time is recorded as an ISO instant (exact, and what the CLI prints); a person reads it in Beijing time.
    const options = { ns: VERIFICATION_NS, ...readableValues(params, language) };
    return i18n.exists(key, options) ? i18n.t(key, options) : null;
  });
}

/** What the verifier said, in the language of `i18n`; its English message when the detail is unknown. */
export function saidText(i18n: Pick<I18n, 't' | 'exists'>, said: Said): string {
  return (said.detail && detailText(i18n, said.detail)) ?? said.message;
}

/** saidText in the screen's language, following language switches. */
export function useSaidText(): (said: Said) => string {
  const { i18n } = useTranslation(VERIFICATION_NS);
  return useCallback((said: Said) => saidText(i18n, said), [i18n]);
}

const reportedChecksSchema = z.array(checkResultSchema);

/**
 * The failed checks a store error carries as JSON in its `checks` parameter (the center's own
 * verification of a package it built), or null when it carries none or they do not parse.
 */
export function reportedChecks(value: unknown): CheckResult[] | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = reportedChecksSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
