import { expect, type Page } from '@playwright/test';

/** Locators and actions for the screens every user passes through. */
export class Shell {
  constructor(readonly page: Page) {}

  async login(username: string, password: string) {
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: /^登\s?录$/ }).click();
  }

  async logout() {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByRole('menuitem', { name: '退出登录' }).click();
    await expect(this.page.getByRole('button', { name: /登\s?录/ })).toBeVisible();
  }

  menu(name: string) {
    // Menu items are named with their icon's label first ("bank 机构信息"); match the words at the end.
    return this.page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${name}$`) });
  }

  async open(path: string) {
    await this.page.goto(`${new URL(this.page.url()).origin}/#${path}`);
  }
}
