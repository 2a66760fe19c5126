//! Writes one at a time, in the order they were queued. A [`Ticket`] reserves a
//! place in line when taken; awaiting it yields a [`Turn`], held while the write (and
//! its retries) run. Dropping a ticket before its turn gives the place up; dropping a
//! turn lets the next ticket go. (A plain async mutex wakes waiters in slot order,
//! not arrival order, so a bulk run's writes started out of input order.)

use core::cell::{Cell, RefCell};
use core::future::poll_fn;
use core::task::{Poll, Waker};

/// Removes and returns the first entry of `list` that `matches` (order not kept).
/// The lists here hold a few entries (the writes in flight, the dropped tickets):
/// a scan is as fast as a tree and, in wasm, 2 fewer BTree monomorphizations (~8 KB).
fn take<T>(list: &mut Vec<T>, matches: impl Fn(&T) -> bool) -> Option<T> {
    let at = list.iter().position(matches)?;
    Some(list.swap_remove(at))
}

/// The line of writes of one client.
#[derive(Debug, Default)]
pub(crate) struct WriteQueue {
    /// The next ticket number to hand out.
    next: Cell<u64>,
    /// The ticket whose turn it is.
    serving: Cell<u64>,
    /// Wakers of tickets waiting for their turn.
    waiting: RefCell<Vec<(u64, Waker)>>,
    /// Tickets dropped before their turn: skipped.
    abandoned: RefCell<Vec<u64>>,
}

impl WriteQueue {
    /// A place at the end of the line.
    pub(crate) fn ticket(&self) -> Ticket<'_> {
        let number = self.next.get();
        self.next.set(number.wrapping_add(1));
        Ticket { queue: self, number, taken: false }
    }

    /// Passes the turn to the next ticket still in line, and wakes it.
    fn advance(&self) {
        let mut next = self.serving.get().wrapping_add(1);
        while take(&mut self.abandoned.borrow_mut(), |&n| n == next).is_some() {
            next = next.wrapping_add(1);
        }
        self.serving.set(next);
        let waiting = take(&mut self.waiting.borrow_mut(), |(n, _)| *n == next);
        if let Some((_, waker)) = waiting {
            waker.wake();
        }
    }
}

/// A reserved place in the [`WriteQueue`].
#[derive(Debug)]
pub(crate) struct Ticket<'a> {
    queue: &'a WriteQueue,
    number: u64,
    taken: bool,
}

impl<'a> Ticket<'a> {
    /// Resolves when every earlier ticket has had its turn (or was dropped).
    pub(crate) async fn turn(mut self) -> Turn<'a> {
        let (queue, number) = (self.queue, self.number);
        poll_fn(|cx| {
            if queue.serving.get() == number {
                Poll::Ready(())
            } else {
                let mut waiting = queue.waiting.borrow_mut();
                match waiting.iter_mut().find(|(n, _)| *n == number) {
                    Some(entry) => entry.1 = cx.waker().clone(),
                    None => waiting.push((number, cx.waker().clone())),
                }
                Poll::Pending
            }
        })
        .await;
        self.taken = true;
        Turn { queue }
    }
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        if self.taken {
            return;
        }
        let number = self.number;
        take(&mut self.queue.waiting.borrow_mut(), |(n, _)| *n == number);
        if self.queue.serving.get() == self.number {
            self.queue.advance();
        } else {
            self.queue.abandoned.borrow_mut().push(self.number);
        }
    }
}

/// The right to write now; the next ticket goes when this is dropped.
#[derive(Debug)]
pub(crate) struct Turn<'a> {
    queue: &'a WriteQueue,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.queue.advance();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::future::{join_all, FutureExt};
    use std::rc::Rc;

    #[test]
    fn turns_follow_ticket_order_and_skip_dropped_tickets() {
        let queue = WriteQueue::default();
        let order = Rc::new(RefCell::new(Vec::new()));
        let mut tickets: Vec<_> = (0..6).map(|i| (i, queue.ticket())).collect();
        tickets.remove(3); // dropped before its turn
        // Await in reverse order: turns still go 0, 1, 2, 4, 5.
        let runs = tickets.into_iter().rev().map(|(i, t)| {
            let order = order.clone();
            async move {
                let _turn = t.turn().await;
                order.borrow_mut().push(i);
            }
        });
        futures_executor::block_on(join_all(runs));
        assert_eq!(*order.borrow(), [0, 1, 2, 4, 5]);
        // A ticket dropped while it is its turn passes the turn on.
        let (a, b) = (queue.ticket(), queue.ticket());
        let mut b_turn = Box::pin(b.turn());
        assert!((&mut b_turn).now_or_never().is_none(), "a goes first");
        drop(a);
        assert!(b_turn.now_or_never().is_some());
    }
}
