//! Where every message is handled: one arm an action or event, each calling the feature that
//! owns it. This is the only way the model changes.

use super::{Action, App, Effects, Event, Msg, Overlay, Signal, Unit, msg::Message};
use crate::store::LoadEvent;

impl App {
    /// Apply one message, pushing onto `fx` what the runtime must do about it.
    pub fn update(&mut self, msg: impl Into<Msg>, fx: &mut Effects) {
        match msg.into() {
            Msg::Action(action) => {
                // A message is read by the time the next key is pressed.
                self.message = None;
                self.act(action, fx);
            }
            Msg::Event(event) => self.on_event(event, fx),
        }
        self.apply_pending_view(fx);
        self.refresh_entity_timeline();
        // The focus or the size may have changed the reader's width.
        self.fit_reader();
        self.want_snippets(fx);
    }

    // Taken by value like every message, though no arm needs to own its fields.
    #[allow(clippy::needless_pass_by_value)]
    // One arm per action: the dispatch table reads best whole, however many actions there are.
    #[allow(clippy::too_many_lines)]
    fn act(&mut self, action: Action, fx: &mut Effects) {
        // "q again" means right after the question, not some time later.
        if !matches!(action, Action::Quit) {
            self.quit_asked = false;
        }
        match action {
            Action::Quit => self.ask_to_quit(fx),
            Action::ToggleHelp => self.toggle_overlay(Overlay::Help),
            Action::ShowSkipped => self.toggle_overlay(Overlay::Skipped),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::Up => self.step(-1, fx),
            Action::Down => self.step(1, fx),
            Action::Top => self.step(i64::MIN / 2, fx),
            Action::Bottom => self.step(i64::MAX / 2, fx),
            Action::PageDown => self.page(1, 1, fx),
            Action::PageUp => self.page(-1, 1, fx),
            Action::HalfPageDown => self.page(1, 2, fx),
            Action::HalfPageUp => self.page(-1, 2, fx),
            Action::Open => self.open_and_focus(fx),
            Action::ClearFilter => self.clear_filter_or_focus_list(fx),
            Action::Back => self.back(),
            Action::NextArticle => self.step_article(1, fx),
            Action::PrevArticle => self.step_article(-1, fx),
            Action::GoBack => self.go_back(fx),
            Action::NarrowList => self.resize_list(-5, fx),
            Action::WidenList => self.resize_list(5, fx),
            Action::OpenLink => self.open_link(fx),
            Action::ScrollDown => self.scroll_reader(1),
            Action::ScrollUp => self.scroll_reader(-1),
            Action::StartFilter => self.start_filter(),
            Action::SubmitFilter => self.submit_filter(fx),
            Action::LeaveFilter => self.leave_filter(fx),
            Action::FilterUp => self.filter_up(fx),
            Action::FilterDown => self.filter_down(fx),
            Action::Edit(edit) => self.edit(edit, fx),
            Action::StartFind => self.start_find(),
            // Enter in the find line keeps the hits; n/N go on from there.
            Action::SubmitFind | Action::LeaveAnnotationsFilter | Action::LeaveHelpFind => self.input = None,
            Action::LeaveFind => self.leave_find(),
            Action::FindNext => self.find_step(1),
            Action::FindPrev => self.find_step(-1),
            Action::ToggleBookmark => self.toggle_bookmark(fx),
            Action::ToggleBookmarksOnly => self.toggle_bookmarks_only(fx),
            Action::ToggleRead => self.toggle_read(fx),
            Action::EditNote => self.edit_note(),
            Action::EditNoteExternally => self.edit_note_externally(fx),
            Action::Export => fx.push(super::Effect::Export),
            Action::SelectLines => self.start_passage(Unit::Line),
            Action::SelectSentences => self.start_passage(Unit::Sentence),
            Action::PassageDown => self.extend_passage(1),
            Action::PassageUp => self.extend_passage(-1),
            Action::PassageShiftDown => self.shift_passage(1),
            Action::PassageShiftUp => self.shift_passage(-1),
            Action::PassageWordNext => self.extend_passage_by_word(1),
            Action::PassageWordPrev => self.extend_passage_by_word(-1),
            Action::AnnotatePassage => self.annotate_passage(),
            Action::CancelPassage => self.cancel_passage(),
            Action::NextAnnotation => self.jump_annotation(1),
            Action::PrevAnnotation => self.jump_annotation(-1),
            Action::SidebarChoose => self.sidebar_choose(false, fx),
            Action::NegateFacet => self.sidebar_choose(true, fx),
            Action::RemoveLastFacet => self.remove_last_facet(fx),
            Action::ToggleSidebarView => self.toggle_sidebar_view(),
            Action::NextMention => self.jump_mention(1),
            Action::PrevMention => self.jump_mention(-1),
            Action::CloseEditor => self.close_editor(fx),
            Action::EditorToExternal => self.editor_to_external(fx),
            Action::EditorInput(key) => self.editor_input(key),
            Action::Paste(text) => self.paste(&text, fx),
            Action::ShowAnnotations => self.show_annotations(),
            Action::AnnotationsDown => self.annotations_step(1),
            Action::AnnotationsUp => self.annotations_step(-1),
            Action::FilterAnnotations => self.input = Some(super::Input::Annotations),
            Action::OpenAnnotation => self.open_annotation(fx),
            Action::EditAnnotation => self.edit_listed_annotation(),
            Action::DeleteAnnotation => self.delete_listed_annotation(fx),
            Action::UndoDelete => self.undo_delete(fx),
            Action::CycleSort => self.cycle_sort(fx),
            Action::ToggleGroup
            | Action::ToggleGrouping
            | Action::CountEveryCopy
            | Action::NextCopy
            | Action::CompareCopy => self.copies_action(&action, fx),
            Action::Copy => self.copy(false, fx),
            Action::CopyCitation => self.copy(true, fx),
            Action::Suspend => fx.push(super::Effect::Suspend),
            Action::TimelineNext => self.timeline_step(1, None, fx),
            Action::TimelinePrev => self.timeline_step(-1, None, fx),
            Action::Tag => self.start_tagging(),
            Action::SaveView => self.start_save_view(),
            Action::RetypeEntity => self.start_retype(),
            Action::MergeEntity => self.start_merge(),
            Action::SplitEntity => self.start_split(),
            Action::HideEntity => self.toggle_hidden(fx),
            Action::ResetEntity => self.reset_entity(fx),
            Action::EntityMentions => self.show_mentions(fx),
            Action::AppearsWith => self.show_appears_with(),
            Action::PickView => self.start_pick_view(),
            Action::SubmitPrompt => self.submit_prompt(fx),
            Action::CancelPrompt => self.cancel_prompt(),
            Action::CompletePrompt => self.complete_prompt(),
            Action::CloseOverlay => self.close_overlay(),
            Action::OverlayDown if self.overlay == Some(super::Overlay::Pick) => self.pick_step(1),
            Action::OverlayUp if self.overlay == Some(super::Overlay::Pick) => self.pick_step(-1),
            Action::OverlayChoose => self.pick_choose(fx),
            Action::OverlayPageDown | Action::OverlayBottom if self.overlay == Some(super::Overlay::Pick) => {
                let step = if action == Action::OverlayBottom {
                    i64::MAX / 2
                } else {
                    10
                };
                self.pick_step(step);
            }
            Action::OverlayPageUp | Action::OverlayTop if self.overlay == Some(super::Overlay::Pick) => {
                let step = if action == Action::OverlayTop {
                    i64::MIN / 2
                } else {
                    -10
                };
                self.pick_step(step);
            }
            Action::OverlayDown => self.overlay_scroll_by(1),
            Action::OverlayUp => self.overlay_scroll_by(-1),
            Action::OverlayPageDown => self.overlay_page(1),
            Action::OverlayPageUp => self.overlay_page(-1),
            Action::OverlayTop => self.overlay_scroll_by(i64::MIN / 2),
            Action::OverlayBottom => self.overlay_scroll_by(i64::MAX / 2),
            Action::StartHelpFind => self.start_help_find(),
            Action::HelpFindNext => self.help_find_step(1),
            Action::HelpFindPrev => self.help_find_step(-1),
            Action::Click { col, row } => self.click(col, row, fx),
            Action::DoubleClick { col, row } => self.double_click(col, row, fx),
            Action::Drag { col, row } => self.drag(col, row),
            Action::Release { .. } => self.release(fx),
            Action::Wheel { col, row, delta } => self.wheel(col, row, delta, fx),
        }
    }

    fn on_event(&mut self, event: Event, fx: &mut Effects) {
        match event {
            Event::Resize(w, h) => self.resize(w, h),
            Event::Loaded(batch) => self.loaded(batch, fx),
            Event::EntityPass(pass) => self.entity_pass(pass, fx),
            Event::Groups(groups) => self.groups_arrived(groups, fx),
            Event::Compared(comparison) => self.compared(comparison),
            Event::Mentions { generation, found } => self.mentions_found(generation, found),
            Event::Copied { what, chars, result } => self.copied(what, chars, result),
            Event::ArticleRead { index, result } => self.article_read(index, result, fx),
            Event::Fuzzy {
                results,
                running,
                generation,
            } => self.fuzzy_results(results, running, generation, fx),
            Event::Fulltext(reply) => self.searcher_reply(reply, fx),
            Event::LibraryOpened {
                state,
                read_only,
                history,
                notices,
            } => {
                self.marks.read_only = read_only;
                self.filter.history = history;
                self.copies.on = state
                    .ungrouped
                    .as_ref()
                    .map_or(self.defaults.group_copies, |r| !r.value);
                self.library_changed(state, Ok(()), 0, notices, fx);
                if self.loading.is_none() {
                    // The corpus was listed before the library said which order it keeps.
                    self.initial_sort(fx);
                }
            }
            Event::LibraryUnavailable(err) => {
                self.marks.read_only = Some(err.to_string());
                self.message = Some(Message::error(err.to_string()));
            }
            Event::LibraryChanged {
                state,
                saved,
                unsaved,
                notices,
            } => self.library_changed(state, saved, unsaved, notices, fx),
            Event::NoteEdited { target, sent, result } => self.note_edited(*target, &sent, result, fx),
            Event::Exported(result) => {
                self.message = Some(match result {
                    Ok(path) => Message::info(format!("exported to {}", path.display())),
                    Err(err) => Message::error(format!("export failed: {err}")),
                });
            }
            Event::LinkOpened(result) => {
                self.message = Some(match result {
                    Ok(browser) => Message::info(format!("opened in {browser}")),
                    Err(why) => Message::warning(why),
                });
            }
            Event::LayoutLoaded(split) => {
                self.split = split;
                self.keep_cursor_visible();
            }
            Event::WorkerFailed { what, why } => self.worker_failed(what, &why),
            Event::Signal(signal) => {
                self.hung_up |= signal == Signal::Hangup;
                self.quit(fx);
            }
        }
    }

    fn worker_failed(&mut self, what: super::msg::Worker, why: &str) {
        let text = match what {
            super::msg::Worker::Loader => {
                self.loading = None;
                format!("loading stopped early (an internal error: {why}); the articles read so far are listed")
            }
            super::msg::Worker::Library => {
                let text = format!("the library writer stopped (an internal error: {why}): changes are not saved");
                self.marks.read_only = Some(text.clone());
                text
            }
        };
        self.notices.push(text.clone());
        self.message = Some(Message::error(text));
    }

    /// `q`: quit, unless changes are not saved yet. Then the library tries to save them once
    /// more and the user is asked: a second `q` quits without them.
    fn ask_to_quit(&mut self, fx: &mut Effects) {
        if self.quit_asked || self.marks.unsaved == 0 {
            return self.quit(fx);
        }
        self.close_editor(fx);
        self.save_position(fx);
        self.quit_asked = true;
        fx.push(super::Effect::Library(super::LibraryOp::Save));
        let n = self.marks.unsaved;
        let why = self
            .save_failure
            .clone()
            .or_else(|| self.marks.read_only.clone())
            .unwrap_or_else(|| "not saved".into());
        self.message = Some(Message::warning(format!(
            "{n} change{} not saved · q again quits without them · X exports them · retrying ({why})",
            if n == 1 { " is" } else { "s are" }
        )));
    }

    /// Nothing typed or read is lost on the way out.
    fn quit(&mut self, fx: &mut Effects) {
        self.should_quit = true;
        self.close_editor(fx);
        self.save_position(fx);
    }

    fn toggle_overlay(&mut self, overlay: Overlay) {
        self.overlay = if self.overlay == Some(overlay) {
            None
        } else {
            Some(overlay)
        };
        self.overlay_scroll = 0;
    }

    fn close_overlay(&mut self) {
        self.overlay = None;
        self.annotations = None;
        self.picker = None;
        if matches!(self.input, Some(super::Input::Annotations | super::Input::HelpFind)) {
            self.input = None;
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.focus = self.panes().visible_focus(self.focus);
        self.rewrap();
        self.keep_cursor_visible();
        self.keep_caret_visible();
    }

    fn loaded(&mut self, batch: Vec<LoadEvent>, fx: &mut Effects) {
        let first_new = self.articles.len();
        for event in batch {
            match event {
                LoadEvent::Article(meta) => self.articles.push(*meta),
                LoadEvent::Skipped(s) => self.skipped.push(s),
                LoadEvent::Progress { files, bytes } => {
                    if let Some(p) = &mut self.loading {
                        (p.files, p.bytes) = (files, bytes);
                    }
                }
                LoadEvent::Total { files, bytes } => {
                    if let Some(p) = &mut self.loading {
                        (p.total_files, p.total_bytes) = (files, Some(bytes));
                    }
                }
                LoadEvent::Done => {
                    self.loading = None;
                    self.index_days();
                    self.initial_sort(fx);
                    self.return_to_last_read(fx);
                }
            }
        }
        if self.articles.len() > first_new {
            fx.push(super::Effect::FuzzyPush { from: first_new });
        }
        if self.reader.is_none() && self.reader_error.is_none() {
            self.open_under_cursor(fx);
        }
    }
}
