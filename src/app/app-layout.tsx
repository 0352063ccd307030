import { Anchor, Badge, Container } from '@mantine/core';
import { Fragment, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useBrowserLists } from '../action-ui/browser-lists';
import { AccountMenu } from '../auth/account-menu';
import { SignedOutNoticeLoader } from '../auth/signed-out-notice-loader';
import classes from './app-layout.module.css';
import { ColorSchemeSelect } from './color-scheme-select';
import { HeaderMenu } from './header-menu';
import { useSettings } from '../config/settings-context';

const boardWidthPx = 1600;

/**
 * One line at every width: on a phone the product's name shortens to its shield and the board link to
 * "Board", and the cloud and the theme go behind a button (HeaderMenu); who is signed in stays in sight.
 */
export function AppLayout({ children }: { children: ReactNode }) {
  const settings = useSettings();
  const { lists, forgotten } = useBrowserLists();
  const { pathname } = useLocation();
  const onStartPage = pathname === '/';
  // The board is a table of eight columns: it takes the width a wide screen has (up to where a row would
  // be too long to read across), the header with it. Other pages keep a reading width.
  const width = pathname === '/board' ? boardWidthPx : 'lg';
  // "Watched lately" reads the lists once, as the start page mounts: once they are forgotten, here or in
  // another tab, the start page mounts afresh. No other page does: an action page would remember its
  // action again.
  const [pageKey, setPageKey] = useState(forgotten);
  if (onStartPage && pageKey !== forgotten) setPageKey(forgotten);
  return (
    <>
      <header className={classes.header}>
        <Container size={width} className={classes.bar}>
          {/* The labels keep the full names where a phone shows the shield alone, and "Board". */}
          <Anchor component={Link} to="/" fw={700} c="bright" underline="never" className={classes.product} aria-label="Machine action watch">
            {/* The tab's icon, cached already: an image costs the first load less than inline SVG. */}
            <img src="/favicon.svg" alt="" className={classes.shield} />
            <span className={classes.wide}>Machine action watch</span>
          </Anchor>
          <nav aria-label="Main">
            <Anchor component={Link} to="/board" size="sm" className={classes.navLink} aria-label="Watch board">
              <span className={classes.wide}>Watch board</span>
              <span className={classes.narrow}>Board</span>
            </Anchor>
          </nav>
          <div className={classes.end}>
            <HeaderMenu label="Cloud and theme">
              <Badge variant="outline" color="gray" radius="sm" title="The cloud this app signs in to">
                {settings.cloudLabel}
              </Badge>
              <ColorSchemeSelect />
            </HeaderMenu>
            <div className={classes.account}>
              <AccountMenu lists={lists} />
            </div>
          </div>
        </Container>
      </header>
      <Container size={width} component="main" py="xl">
        <SignedOutNoticeLoader lists={lists} />
        <Fragment key={pageKey}>{children}</Fragment>
      </Container>
    </>
  );
}
