// A form that submits inside the page: the browser's own submission (a navigation) is prevented and `onSubmit`
// runs; its promise is the caller's to handle (the actions and `useForm` show their own errors).
import type { FormHTMLAttributes } from 'react';

export type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSubmit: () => unknown };

export function Form({ onSubmit, children, ...props }: FormProps) {
  return (
    <form
      {...props}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
