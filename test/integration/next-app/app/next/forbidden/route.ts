import { handle } from 'http-error-kit/next';
import { forbidden } from 'next/navigation.js';

export const GET = handle(async () => {
  forbidden();
});
