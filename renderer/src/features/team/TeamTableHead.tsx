// The head of a list on the Equipo screen (members, unused invitations): a caption for screen readers, the columns,
// and an unlabelled column for the row buttons when the viewer may act on the rows.
import { useTranslation } from 'react-i18next';

export function TeamTableHead({ caption, columns, actions }: { caption: string; columns: readonly string[]; actions: boolean }) {
  const { t } = useTranslation('team');
  return (
    <>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
          {actions && (
            <th scope="col">
              <span className="sr-only">{t('members.actions')}</span>
            </th>
          )}
        </tr>
      </thead>
    </>
  );
}
