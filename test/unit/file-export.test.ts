/** Where the bot may upload a file a person allowed: only to OneDrive (SharePoint Online) over https, by the parsed host. */
import { describe, expect, it } from 'vitest';
import { isOneDriveUploadUrl } from '../../src/bot/file-export.js';

describe('isOneDriveUploadUrl', () => {
  it.each([
    'https://contoso-my.sharepoint.com/personal/dana_contoso_com/_api/v2.0/drive/items/01ABC/uploadSession?guid=1',
    'https://contoso-my.sharepoint.us/personal/x/uploadSession',
    'https://CONTOSO.SharePoint.com/upload',
  ])('takes %s', (url) => {
    expect(isOneDriveUploadUrl(url, false)).toBe(true);
  });

  it.each([
    'http://contoso-my.sharepoint.com/upload',
    'https://contoso.sharepoint.com.evil.example/upload',
    'https://evil.example/?next=https://contoso.sharepoint.com',
    'https://sharepoint.com@evil.example/upload',
    'https://evilsharepoint.com/upload',
    'http://127.0.0.1:8080/upload',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isOneDriveUploadUrl(url, false)).toBe(false);
  });

  it('takes a stand-in on this machine only when allowed (no Bot Framework authentication)', () => {
    expect(isOneDriveUploadUrl('http://127.0.0.1:8080/upload', true)).toBe(true);
    expect(isOneDriveUploadUrl('https://evil.example/upload', true)).toBe(false);
  });
});
