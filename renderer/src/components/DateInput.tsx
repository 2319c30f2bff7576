// Dates and times typed and shown day first, 24-hour (dd/mm/aaaa hh:mm), whatever the browser's own language: a native
// <input type="date"> follows the browser's UI language, not the page's lang, and showed mm/dd/yyyy to a Spanish user
// of an English browser. Values stay in the native formats (yyyy-mm-dd, yyyy-mm-ddTHH:MM; '' when incomplete), so
// forms keep their code; a calendar button still opens the browser's own picker.
import { CalendarDays } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isoDateOfText, textOfIsoDate, timeOfText } from '../lib/dateText';

/** What Field passes to its control, and a few native attributes. */
interface ControlProps {
  id?: string;
  name?: string;
  required?: boolean;
  autoFocus?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
}

/** Text that follows `value` when it changes from outside, and is left alone while it is the user's own typing of it. */
function useEchoedText(value: string, toText: (value: string) => string, fromText: (text: string) => string | null) {
  const [text, setText] = useState(() => toText(value));
  const typed = useRef(text);
  typed.current = text;
  useEffect(() => {
    if ((fromText(typed.current) ?? '') !== value) setText(toText(value));
  }, [value, toText, fromText]);
  return [text, setText] as const;
}

function CalendarPicker({ value, onPick }: { value: string; onPick: (isoDate: string) => void }) {
  const { t } = useTranslation('common');
  const native = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="date-input-pick" tabIndex={-1} aria-label={t('date.pick')} onClick={() => native.current?.showPicker()}>
        <CalendarDays size={14} aria-hidden="true" />
      </button>
      <input ref={native} type="date" className="date-input-native" tabIndex={-1} aria-hidden="true" value={value} onChange={(e) => onPick(e.target.value)} />
    </>
  );
}

export function DateInput({ value, onChange, ...control }: ControlProps & { value: string; onChange: (isoDate: string) => void }) {
  const { t } = useTranslation('common');
  const [text, setText] = useEchoedText(value, textOfIsoDate, isoDateOfText);
  return (
    <span className="date-input">
      <input
        {...control}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('date.placeholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(isoDateOfText(e.target.value) ?? '');
        }}
      />
      <CalendarPicker value={value} onPick={onChange} />
    </span>
  );
}

const datePart = (value: string) => value.slice(0, 10);
const timePart = (value: string) => value.slice(11, 16);
const sameTime = (text: string) => timeOfText(text);

/** `value` is 'yyyy-mm-ddTHH:MM' (a datetime-local value); '' while the date or the time is incomplete. */
export function DateTimeInput({ value, onChange, ...control }: ControlProps & { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation('common');
  const [date, setDate] = useState(datePart(value));
  const [time, setTime] = useEchoedText(timePart(value), String, sameTime);
  useEffect(() => {
    if (value) setDate(datePart(value));
  }, [value]);
  const send = (nextDate: string, nextTime: string) => onChange(nextDate && timeOfText(nextTime) ? `${nextDate}T${timeOfText(nextTime)}` : '');
  return (
    <span className="date-time-input">
      <DateInput
        {...control}
        value={date}
        onChange={(next) => {
          setDate(next);
          send(next, time);
        }}
      />
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="time-input"
        aria-label={t('date.time')}
        placeholder={t('date.timePlaceholder')}
        value={time}
        onChange={(e) => {
          setTime(e.target.value);
          send(date, e.target.value);
        }}
      />
    </span>
  );
}
