// Dates and times typed and shown day first, 24-hour (dd/mm/aaaa hh:mm), whatever the browser's own language: a native
// <input type="date"> follows the browser's UI language, not the page's lang, and showed mm/dd/yyyy to a Spanish user
// of an English browser. Values stay in the native formats (yyyy-mm-dd, yyyy-mm-ddTHH:MM; '' when incomplete), so
// forms keep their code; a calendar button still opens the browser's own picker. What is wrong with a typed part
// (31/11/2026, a missing time) is said under that part, and the enclosing form is not sent while it is wrong.
import { CalendarDays } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FocusEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTextIssue, dateTimeTextIssues, isoDateOfText, textOfIsoDate, timeOfText, type DateTextIssue, type TimeTextIssue } from '../lib/dateText';
import { afterPointerPress, watchPointerPresses } from '../lib/pointerPress';

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

function PartMessage({ id, issue, part }: { id: string; issue: DateTextIssue | TimeTextIssue | null; part: 'date' | 'time' }) {
  const { t } = useTranslation('common');
  if (!issue) return null;
  return (
    <small id={id} className={`field-error date-part-error date-part-error-${part}`} role="alert">
      {t(`date.issues.${issue}`)}
    </small>
  );
}

/** Holds back the enclosing form's submit while `firstWrongBox()` names a box, reveals the messages and focuses it. */
function useSubmitGuard(anchor: RefObject<HTMLElement | null>, firstWrongBox: () => HTMLElement | null, reveal: () => void) {
  const latest = useRef({ firstWrongBox, reveal });
  latest.current = { firstWrongBox, reveal };
  useEffect(() => {
    const form = anchor.current?.closest('form');
    if (!form) return;
    const onSubmit = (event: Event) => {
      const wrong = latest.current.firstWrongBox();
      if (!wrong) return;
      // Stopped at the form, the event never reaches React's onSubmit (delegated at the root): nothing is sent.
      event.preventDefault();
      event.stopPropagation();
      latest.current.reveal();
      wrong.focus();
    };
    form.addEventListener('submit', onSubmit);
    return () => form.removeEventListener('submit', onSubmit);
  }, [anchor]);
}

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

interface DateBoxProps {
  control: ControlProps;
  text: string;
  pickValue: string;
  onText: (text: string) => void;
  onPick: (isoDate: string) => void;
  boxRef: RefObject<HTMLInputElement | null>;
  messageId?: string | false;
  /** The box was left: a wrong text's message shows from then on (after a pointer press, once it is over). */
  onLeave: () => void;
}

/**
 * Typed shorthand ('0905', '7/12/26') is rewritten as it was read once the box is left ('09:05', '07/12/2026'): the
 * person sees which hour or day was taken.
 *
 * A box that already holds a date or time (a visit to move) is retyped whole: a dialog that puts the focus there
 * left the cursor after the text, and typing a new date appended to the old one ("03/12/202608122026").
 */
const selectAll = (event: FocusEvent<HTMLInputElement>) => event.currentTarget.select();

function DateBox({ control, text, pickValue, onText, onPick, boxRef, messageId, onLeave }: DateBoxProps) {
  const { t } = useTranslation('common');
  useEffect(watchPointerPresses, []);
  return (
    <span className="date-input">
      <input
        {...control}
        ref={boxRef}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('date.placeholder')}
        value={text}
        aria-invalid={messageId ? true : control['aria-invalid']}
        aria-describedby={describedBy(control['aria-describedby'], messageId)}
        onChange={(e) => onText(e.target.value)}
        onFocus={selectAll}
        onBlur={() => {
          const day = isoDateOfText(text);
          if (day && textOfIsoDate(day) !== text) onText(textOfIsoDate(day));
          afterPointerPress(onLeave);
        }}
      />
      <CalendarPicker value={pickValue} onPick={onPick} />
    </span>
  );
}

/** `value` is 'yyyy-mm-dd'; '' while the text is empty or no real day. */
export function DateInput({ value, onChange, ...control }: ControlProps & { value: string; onChange: (isoDate: string) => void }) {
  const [text, setText] = useState(() => textOfIsoDate(value));
  const typed = useRef(text);
  typed.current = text;
  useEffect(() => {
    // A value from outside replaces the text; the user's own half-typed text (which gives '') is left alone.
    if ((isoDateOfText(typed.current) ?? '') !== value) setText(textOfIsoDate(value));
  }, [value]);
  // Shown once the box was left or a send was held back, then following the typing (see DateTimeInput).
  const [shown, setShown] = useState(false);
  const box = useRef<HTMLInputElement>(null);
  const messageId = useId();
  const issue = dateTextIssue(text);
  useSubmitGuard(box, () => (dateTextIssue(typed.current) ? box.current : null), () => setShown(true));
  const visible = shown ? issue : null;
  const type = (next: string) => {
    setText(next);
    onChange(isoDateOfText(next) ?? '');
  };
  return (
    <>
      <DateBox
        control={control}
        text={text}
        pickValue={value}
        onText={type}
        onPick={(iso) => type(textOfIsoDate(iso))}
        boxRef={box}
        messageId={visible !== null && messageId}
        onLeave={() => dateTextIssue(typed.current) && setShown(true)}
      />
      <PartMessage id={messageId} issue={visible} part="date" />
    </>
  );
}

interface DateTimeTexts {
  date: string;
  time: string;
}

const textsOf = (value: string): DateTimeTexts => ({ date: textOfIsoDate(value.slice(0, 10)), time: value.slice(11, 16) });

function valueOf({ date, time }: DateTimeTexts): string {
  const day = isoDateOfText(date);
  const clock = timeOfText(time);
  return day && clock ? `${day}T${clock}` : '';
}

/** `value` is 'yyyy-mm-ddTHH:MM' (a datetime-local value); '' while the date or the time is incomplete. */
export function DateTimeInput({ value, onChange, ...control }: ControlProps & { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation('common');
  // Both boxes are this component's own text: typing one never empties the other (a half-typed date gives '').
  const [texts, setTexts] = useState(() => textsOf(value));
  const current = useRef(texts);
  current.current = texts;
  useEffect(() => {
    // Only a value from outside (a reset after saving, a reload) replaces what the boxes say.
    if (valueOf(current.current) !== value) setTexts(textsOf(value));
  }, [value]);
  // Messages appear once a box is left with a wrong text (after the pointer press that left it: a line appearing
  // under the box as the pointer goes down on "Guardar" would move the button and lose the click) or a send was held
  // back, then follow the typing.
  const [shown, setShown] = useState(false);
  const dateBox = useRef<HTMLInputElement>(null);
  const timeBox = useRef<HTMLInputElement>(null);
  const dateMessageId = useId();
  const timeMessageId = useId();
  const issues = dateTimeTextIssues(texts.date, texts.time);
  useSubmitGuard(
    dateBox,
    () => {
      const now = dateTimeTextIssues(current.current.date, current.current.time);
      return now.date ? dateBox.current : now.time ? timeBox.current : null;
    },
    () => setShown(true),
  );
  const update = (next: DateTimeTexts) => {
    setTexts(next);
    onChange(valueOf(next));
  };
  // Only the part left: a date typed, the time still to come, is not "missing a time" yet.
  const revealIfWrong = (part: keyof DateTimeTexts) => () => {
    if (dateTimeTextIssues(current.current.date, current.current.time)[part]) setShown(true);
  };
  const dateIssue = shown ? issues.date : null;
  const timeIssue = shown ? issues.time : null;
  return (
    <span className="date-time-input">
      <DateBox
        control={control}
        text={texts.date}
        pickValue={isoDateOfText(texts.date) ?? ''}
        onText={(date) => update({ ...current.current, date })}
        onPick={(iso) => update({ ...current.current, date: textOfIsoDate(iso) })}
        boxRef={dateBox}
        messageId={dateIssue !== null && dateMessageId}
        onLeave={revealIfWrong('date')}
      />
      <input
        ref={timeBox}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="time-input"
        aria-label={t('date.time')}
        placeholder={t('date.timePlaceholder')}
        value={texts.time}
        aria-invalid={timeIssue ? true : undefined}
        aria-describedby={timeIssue ? timeMessageId : undefined}
        onChange={(e) => update({ ...current.current, time: e.target.value })}
        onFocus={selectAll}
        onBlur={() => {
          const clock = timeOfText(texts.time);
          if (clock && clock !== texts.time) update({ ...current.current, time: clock });
          afterPointerPress(revealIfWrong('time'));
        }}
      />
      <PartMessage id={dateMessageId} issue={dateIssue} part="date" />
      <PartMessage id={timeMessageId} issue={timeIssue} part="time" />
    </span>
  );
}
