// The advice's legal bases: each a statute chosen from the list of titles and the article typed by
// the lawyer, with an optional point in their own words. The app holds no statute text.
import { Button, Flex, Form, Input, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNames } from '../names';

export function LegalBasesField() {
  const { t } = useTranslation('consultations');
  const names = useNames();
  return (
    <Form.Item label={t('form.bases')} extra={t('form.basesHelp')}>
      <Form.List name="legalBases">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} wrap align="start">
                <Form.Item name={[field.name, 'statute']} noStyle={false} style={{ marginBottom: 0 }}>
                  <Select aria-label={t('form.statuteOf', { n: i + 1 })} placeholder={t('form.statute')} showSearch={{ optionFilterProp: 'label' }} options={names.statuteOptions} style={{ width: 260 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'article']} style={{ marginBottom: 0 }}>
                  <Input aria-label={t('form.articleOf', { n: i + 1 })} placeholder={t('form.article')} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'note']} style={{ marginBottom: 0, flex: 1, minWidth: 200 }}>
                  <Input aria-label={t('form.noteOf', { n: i + 1 })} placeholder={t('form.note')} />
                </Form.Item>
                <Button aria-label={t('form.removeBasis', { n: i + 1 })} icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)} />
              </Flex>
            ))}
            <Typography.Text>
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ statute: undefined, article: '', note: '' })}>
                {t('form.addBasis')}
              </Button>
            </Typography.Text>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
