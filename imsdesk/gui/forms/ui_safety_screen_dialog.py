# Generated from ui/safety_screen_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'safety_screen_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QRadioButton, QScrollArea,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_SafetyScreenDialog(object):
    def setupUi(self, SafetyScreenDialog):
        if not SafetyScreenDialog.objectName():
            SafetyScreenDialog.setObjectName(u"SafetyScreenDialog")
        SafetyScreenDialog.resize(1020, 660)
        self.outer_layout = QVBoxLayout(SafetyScreenDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.previous_row = QHBoxLayout()
        self.previous_row.setObjectName(u"previous_row")
        self.previous = QLabel(SafetyScreenDialog)
        self.previous.setObjectName(u"previous")
        self.previous.setWordWrap(True)
        self.previous.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.previous.sizePolicy().hasHeightForWidth())
        self.previous.setSizePolicy(sizePolicy)

        self.previous_row.addWidget(self.previous)

        self.use_previous = QPushButton(SafetyScreenDialog)
        self.use_previous.setObjectName(u"use_previous")
        self.use_previous.setAutoDefault(False)

        self.previous_row.addWidget(self.use_previous)


        self.outer_layout.addLayout(self.previous_row)

        self.body_layout = QHBoxLayout()
        self.body_layout.setSpacing(16)
        self.body_layout.setObjectName(u"body_layout")
        self.questions_column = QVBoxLayout()
        self.questions_column.setSpacing(4)
        self.questions_column.setObjectName(u"questions_column")
        self.questions_intro = QLabel(SafetyScreenDialog)
        self.questions_intro.setObjectName(u"questions_intro")
        self.questions_intro.setWordWrap(True)

        self.questions_column.addWidget(self.questions_intro)

        self.answers = QScrollArea(SafetyScreenDialog)
        self.answers.setObjectName(u"answers")
        self.answers.setWidgetResizable(True)
        self.answers.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.answers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.answers_content = QWidget()
        self.answers_content.setObjectName(u"answers_content")
        self.questions_layout = QVBoxLayout(self.answers_content)
        self.questions_layout.setSpacing(0)
        self.questions_layout.setObjectName(u"questions_layout")
        self.answers.setWidget(self.answers_content)

        self.questions_column.addWidget(self.answers)

        self.answers_error = QLabel(SafetyScreenDialog)
        self.answers_error.setObjectName(u"answers_error")
        self.answers_error.setWordWrap(True)
        self.answers_error.setVisible(False)

        self.questions_column.addWidget(self.answers_error)


        self.body_layout.addLayout(self.questions_column)

        self.side_column = QVBoxLayout()
        self.side_column.setSpacing(4)
        self.side_column.setObjectName(u"side_column")
        self.summary_box = QGroupBox(SafetyScreenDialog)
        self.summary_box.setObjectName(u"summary_box")
        self.summary_layout = QVBoxLayout(self.summary_box)
        self.summary_layout.setObjectName(u"summary_layout")
        self.summary = QLabel(self.summary_box)
        self.summary.setObjectName(u"summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.summary_layout.addWidget(self.summary)


        self.side_column.addWidget(self.summary_box)

        self.consent_box = QGroupBox(SafetyScreenDialog)
        self.consent_box.setObjectName(u"consent_box")
        self.consent_layout = QVBoxLayout(self.consent_box)
        self.consent_layout.setSpacing(2)
        self.consent_layout.setObjectName(u"consent_layout")
        self.consent_given = QWidget(self.consent_box)
        self.consent_given.setObjectName(u"consent_given")
        self.consent_given_layout = QHBoxLayout(self.consent_given)
        self.consent_given_layout.setObjectName(u"consent_given_layout")
        self.consent_given_layout.setContentsMargins(0, 0, 0, 0)
        self.consent_given_label = QLabel(self.consent_given)
        self.consent_given_label.setObjectName(u"consent_given_label")

        self.consent_given_layout.addWidget(self.consent_given_label)

        self.consent_yes = QRadioButton(self.consent_given)
        self.consent_yes.setObjectName(u"consent_yes")

        self.consent_given_layout.addWidget(self.consent_yes)

        self.consent_no = QRadioButton(self.consent_given)
        self.consent_no.setObjectName(u"consent_no")

        self.consent_given_layout.addWidget(self.consent_no)

        self.consent_state = QLabel(self.consent_given)
        self.consent_state.setObjectName(u"consent_state")
        sizePolicy.setHeightForWidth(self.consent_state.sizePolicy().hasHeightForWidth())
        self.consent_state.setSizePolicy(sizePolicy)

        self.consent_given_layout.addWidget(self.consent_state)


        self.consent_layout.addWidget(self.consent_given)

        self.consent_given_error = QLabel(self.consent_box)
        self.consent_given_error.setObjectName(u"consent_given_error")
        self.consent_given_error.setWordWrap(True)
        self.consent_given_error.setVisible(False)

        self.consent_layout.addWidget(self.consent_given_error)

        self.given_by_label = QLabel(self.consent_box)
        self.given_by_label.setObjectName(u"given_by_label")

        self.consent_layout.addWidget(self.given_by_label)

        self.given_by = QLineEdit(self.consent_box)
        self.given_by.setObjectName(u"given_by")

        self.consent_layout.addWidget(self.given_by)

        self.given_by_error = QLabel(self.consent_box)
        self.given_by_error.setObjectName(u"given_by_error")
        self.given_by_error.setWordWrap(True)
        self.given_by_error.setVisible(False)

        self.consent_layout.addWidget(self.given_by_error)

        self.explained_label = QLabel(self.consent_box)
        self.explained_label.setObjectName(u"explained_label")

        self.consent_layout.addWidget(self.explained_label)

        self.explained = QPlainTextEdit(self.consent_box)
        self.explained.setObjectName(u"explained")
        self.explained.setTabChangesFocus(True)

        self.consent_layout.addWidget(self.explained)

        self.explained_error = QLabel(self.consent_box)
        self.explained_error.setObjectName(u"explained_error")
        self.explained_error.setWordWrap(True)
        self.explained_error.setVisible(False)

        self.consent_layout.addWidget(self.explained_error)


        self.side_column.addWidget(self.consent_box)

        self.notes_label = QLabel(SafetyScreenDialog)
        self.notes_label.setObjectName(u"notes_label")

        self.side_column.addWidget(self.notes_label)

        self.notes = QPlainTextEdit(SafetyScreenDialog)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.side_column.addWidget(self.notes)

        self.notes_error = QLabel(SafetyScreenDialog)
        self.notes_error.setObjectName(u"notes_error")
        self.notes_error.setWordWrap(True)
        self.notes_error.setVisible(False)

        self.side_column.addWidget(self.notes_error)


        self.body_layout.addLayout(self.side_column)

        self.body_layout.setStretch(0, 3)
        self.body_layout.setStretch(1, 2)

        self.outer_layout.addLayout(self.body_layout)

        self.buttons = QDialogButtonBox(SafetyScreenDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.outer_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.given_by_label.setBuddy(self.given_by)
        self.explained_label.setBuddy(self.explained)
        self.notes_label.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.consent_yes, self.consent_no)
        QWidget.setTabOrder(self.consent_no, self.given_by)
        QWidget.setTabOrder(self.given_by, self.explained)
        QWidget.setTabOrder(self.explained, self.notes)
        QWidget.setTabOrder(self.notes, self.use_previous)
        QWidget.setTabOrder(self.use_previous, self.buttons)

        self.retranslateUi(SafetyScreenDialog)

        QMetaObject.connectSlotsByName(SafetyScreenDialog)
    # setupUi

    def retranslateUi(self, SafetyScreenDialog):
        SafetyScreenDialog.setWindowTitle(QCoreApplication.translate("SafetyScreenDialog", u"Safety screen and consent", None))
        self.use_previous.setText(QCoreApplication.translate("SafetyScreenDialog", u"Start from &previous answers", None))
#if QT_CONFIG(tooltip)
        self.use_previous.setToolTip(QCoreApplication.translate("SafetyScreenDialog", u"Fill in the answers of the last screen; go through each with the patient and change what has changed. Consent is asked again.", None))
#endif // QT_CONFIG(tooltip)
        self.questions_intro.setText(QCoreApplication.translate("SafetyScreenDialog", u"Ask the patient each question. Keys: Y yes, N no (then the next question); Tab moves on without answering.", None))
        self.summary_box.setTitle(QCoreApplication.translate("SafetyScreenDialog", u"Summary", None))
        self.consent_box.setTitle(QCoreApplication.translate("SafetyScreenDialog", u"Consent", None))
#if QT_CONFIG(tooltip)
        self.consent_given.setToolTip(QCoreApplication.translate("SafetyScreenDialog", u"Did the patient (or who consents for them) agree to needling today?", None))
#endif // QT_CONFIG(tooltip)
        self.consent_given_label.setText(QCoreApplication.translate("SafetyScreenDialog", u"Consent given?", None))
        self.consent_yes.setText(QCoreApplication.translate("SafetyScreenDialog", u"Yes", None))
        self.consent_no.setText(QCoreApplication.translate("SafetyScreenDialog", u"No", None))
        self.given_by_label.setText(QCoreApplication.translate("SafetyScreenDialog", u"Given or refused &by", None))
        self.given_by.setText(QCoreApplication.translate("SafetyScreenDialog", u"patient", None))
#if QT_CONFIG(tooltip)
        self.given_by.setToolTip(QCoreApplication.translate("SafetyScreenDialog", u"\"patient\", or the name and relation of who consented for them.", None))
#endif // QT_CONFIG(tooltip)
        self.explained_label.setText(QCoreApplication.translate("SafetyScreenDialog", u"What was e&xplained", None))
#if QT_CONFIG(tooltip)
        self.explained.setToolTip(QCoreApplication.translate("SafetyScreenDialog", u"What you explained before asking for consent; edit it to match what you said.", None))
#endif // QT_CONFIG(tooltip)
        self.notes_label.setText(QCoreApplication.translate("SafetyScreenDialog", u"N&otes", None))
        self.notes.setPlaceholderText(QCoreApplication.translate("SafetyScreenDialog", u"Details of any yes (e.g. which drug, which limb) and what you decided", None))
#if QT_CONFIG(tooltip)
        self.notes.setToolTip(QCoreApplication.translate("SafetyScreenDialog", u"Details of the answers and your decision for today's treatment.", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

