/** An inline confirmation before a deletion: the question, and buttons to go ahead or not (focus on "no"). */
import { useEffect, useRef } from 'react';

export interface ConfirmProps {
  label: string;
  question: string;
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
}

export function Confirm({ label, question, yes, no, onYes, onNo }: ConfirmProps) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div className="activities-confirm" role="alertdialog" aria-label={label}>
      <p>{question}</p>
      <button type="button" className="danger" onClick={onYes}>
        {yes}
      </button>
      <button type="button" ref={keep} onClick={onNo}>
        {no}
      </button>
    </div>
  );
}
