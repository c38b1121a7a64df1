import { handle } from 'http-error-kit/next';
import { notFound } from 'next/navigation';

export const GET = handle(async () => {
  notFound();
});
