import { handle } from 'http-error-kit/next';
import { redirect } from 'next/navigation';

export const GET = handle(async () => {
  redirect('/login');
});
