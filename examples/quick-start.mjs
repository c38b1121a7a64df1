import express from 'express';
import { ForbiddenError, UnauthorizedError } from 'http-error-kit';
import { errorHandler } from 'http-error-kit/express';

const app = express();
app.delete('/user-data/:id', (req, res) => {
  const user = req.get('authorization')?.replace(/^Bearer /, '');
  if (!user) throw new UnauthorizedError('Sign in to delete user data.');
  if (user !== req.params.id) throw new ForbiddenError('You may only delete your own data.');
  res.sendStatus(204);
});
app.use(errorHandler());

const server = app.listen(process.env.PORT ?? 3000, '127.0.0.1', () => {
  console.log(`Listening on http://127.0.0.1:${server.address().port}`);
});
