import express from 'express';
import { ForbiddenError, UnauthorizedError } from 'http-error-kit';
import { errorHandler, notFound } from 'http-error-kit/express';

export const app = express();
app.use(express.json());

app.delete('/user-data/:id', (req, res) => {
  const userId = req.get('authorization')?.replace(/^Bearer user-/, '');
  if (!userId) throw new UnauthorizedError('Sign in to delete user data.');
  if (userId !== req.params.id) {
    throw new ForbiddenError('You do not have permission to delete user data.');
  }
  res.status(204).end();
});

app.use(notFound());
app.use(errorHandler({ instance: (req) => req.originalUrl }));
