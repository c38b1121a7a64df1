import 'reflect-metadata';
import { Controller, Delete, Headers, HttpCode, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from 'http-error-kit';
import { ProblemFilter } from 'http-error-kit/nest';

@Controller('user-data')
class UserDataController {
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id') id: string, @Headers('authorization') authorization?: string): void {
    const user = authorization?.replace(/^Bearer user-/, '');
    // 401 with `WWW-Authenticate: Bearer`, which Nest's own filter would drop.
    if (!user) throw new UnauthorizedError('Sign in to delete user data.');
    if (user !== id) throw new ForbiddenError('You do not have permission to delete user data.');
  }
}

@Module({ controllers: [UserDataController] })
export class AppModule {}

export async function bootstrap() {
  const app = await NestFactory.create(AppModule, { logger: false });
  app.useGlobalFilters(
    new ProblemFilter({ instance: (host) => host.switchToHttp().getRequest().url }),
  );
  return app;
}
