import { Controller, Get, Query, Render } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';

export class CallbackQueryDto {
  @IsOptional() @IsString() code?: string;
  @IsOptional() @IsString() state?: string;
  @IsOptional() @IsString() iss?: string;
  @IsOptional() @IsString() error?: string;
  @IsOptional() @IsString() error_description?: string;
}

/**
 * The demo client's redirect_uri: shows what the authorization server sent back (leg C of
 * RFC 6749 figure 3) and the curl command that performs leg D, the code exchange.
 */
@Controller('demo')
export class DemoCallbackController {
  @Get('callback')
  @Render('callback')
  callback(@Query() query: CallbackQueryDto): CallbackQueryDto {
    return query;
  }
}
