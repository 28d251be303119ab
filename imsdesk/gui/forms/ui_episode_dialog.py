# Generated from ui/episode_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'episode_dialog.ui'
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
    QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_EpisodeDialog(object):
    def setupUi(self, EpisodeDialog):
        if not EpisodeDialog.objectName():
            EpisodeDialog.setObjectName(u"EpisodeDialog")
        EpisodeDialog.resize(560, 400)
        self.outer_layout = QVBoxLayout(EpisodeDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.intro = QLabel(EpisodeDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer_layout.addWidget(self.intro)

        self.fields_layout = QGridLayout()
        self.fields_layout.setObjectName(u"fields_layout")
        self.fields_layout.setHorizontalSpacing(12)
        self.fields_layout.setVerticalSpacing(2)
        self.condition_label = QLabel(EpisodeDialog)
        self.condition_label.setObjectName(u"condition_label")

        self.fields_layout.addWidget(self.condition_label, 0, 0, 1, 1)

        self.condition = QLineEdit(EpisodeDialog)
        self.condition.setObjectName(u"condition")

        self.fields_layout.addWidget(self.condition, 0, 1, 1, 1)

        self.condition_error = QLabel(EpisodeDialog)
        self.condition_error.setObjectName(u"condition_error")
        self.condition_error.setWordWrap(True)
        self.condition_error.setVisible(False)

        self.fields_layout.addWidget(self.condition_error, 1, 1, 1, 1)

        self.started_on_label = QLabel(EpisodeDialog)
        self.started_on_label.setObjectName(u"started_on_label")

        self.fields_layout.addWidget(self.started_on_label, 2, 0, 1, 1)

        self.started_on_row = QHBoxLayout()
        self.started_on_row.setSpacing(10)
        self.started_on_row.setObjectName(u"started_on_row")
        self.started_on = QLineEdit(EpisodeDialog)
        self.started_on.setObjectName(u"started_on")
        self.started_on.setMaximumSize(QSize(190, 16777215))

        self.started_on_row.addWidget(self.started_on)

        self.started_on_hint = QLabel(EpisodeDialog)
        self.started_on_hint.setObjectName(u"started_on_hint")
        self.started_on_hint.setMinimumSize(QSize(110, 0))

        self.started_on_row.addWidget(self.started_on_hint)

        self.started_on_row.setStretch(1, 1)

        self.fields_layout.addLayout(self.started_on_row, 2, 1, 1, 1)

        self.started_on_error = QLabel(EpisodeDialog)
        self.started_on_error.setObjectName(u"started_on_error")
        self.started_on_error.setWordWrap(True)
        self.started_on_error.setVisible(False)

        self.fields_layout.addWidget(self.started_on_error, 3, 1, 1, 1)

        self.referral_source_label = QLabel(EpisodeDialog)
        self.referral_source_label.setObjectName(u"referral_source_label")

        self.fields_layout.addWidget(self.referral_source_label, 4, 0, 1, 1)

        self.referral_source = QLineEdit(EpisodeDialog)
        self.referral_source.setObjectName(u"referral_source")

        self.fields_layout.addWidget(self.referral_source, 4, 1, 1, 1)

        self.referral_source_error = QLabel(EpisodeDialog)
        self.referral_source_error.setObjectName(u"referral_source_error")
        self.referral_source_error.setWordWrap(True)
        self.referral_source_error.setVisible(False)

        self.fields_layout.addWidget(self.referral_source_error, 5, 1, 1, 1)

        self.referral_date_label = QLabel(EpisodeDialog)
        self.referral_date_label.setObjectName(u"referral_date_label")

        self.fields_layout.addWidget(self.referral_date_label, 6, 0, 1, 1)

        self.referral_date_row = QHBoxLayout()
        self.referral_date_row.setSpacing(10)
        self.referral_date_row.setObjectName(u"referral_date_row")
        self.referral_date = QLineEdit(EpisodeDialog)
        self.referral_date.setObjectName(u"referral_date")
        self.referral_date.setMaximumSize(QSize(190, 16777215))

        self.referral_date_row.addWidget(self.referral_date)

        self.referral_date_hint = QLabel(EpisodeDialog)
        self.referral_date_hint.setObjectName(u"referral_date_hint")
        self.referral_date_hint.setMinimumSize(QSize(110, 0))

        self.referral_date_row.addWidget(self.referral_date_hint)

        self.referral_date_row.setStretch(1, 1)

        self.fields_layout.addLayout(self.referral_date_row, 6, 1, 1, 1)

        self.referral_date_error = QLabel(EpisodeDialog)
        self.referral_date_error.setObjectName(u"referral_date_error")
        self.referral_date_error.setWordWrap(True)
        self.referral_date_error.setVisible(False)

        self.fields_layout.addWidget(self.referral_date_error, 7, 1, 1, 1)

        self.goals_label = QLabel(EpisodeDialog)
        self.goals_label.setObjectName(u"goals_label")
        self.goals_label.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.fields_layout.addWidget(self.goals_label, 8, 0, 1, 1)

        self.goals = QPlainTextEdit(EpisodeDialog)
        self.goals.setObjectName(u"goals")
        self.goals.setTabChangesFocus(True)

        self.fields_layout.addWidget(self.goals, 8, 1, 1, 1)

        self.goals_error = QLabel(EpisodeDialog)
        self.goals_error.setObjectName(u"goals_error")
        self.goals_error.setWordWrap(True)
        self.goals_error.setVisible(False)

        self.fields_layout.addWidget(self.goals_error, 9, 1, 1, 1)


        self.outer_layout.addLayout(self.fields_layout)

        self.buttons = QDialogButtonBox(EpisodeDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.outer_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.condition_label.setBuddy(self.condition)
        self.started_on_label.setBuddy(self.started_on)
        self.referral_source_label.setBuddy(self.referral_source)
        self.referral_date_label.setBuddy(self.referral_date)
        self.goals_label.setBuddy(self.goals)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.condition, self.started_on)
        QWidget.setTabOrder(self.started_on, self.referral_source)
        QWidget.setTabOrder(self.referral_source, self.referral_date)
        QWidget.setTabOrder(self.referral_date, self.goals)
        QWidget.setTabOrder(self.goals, self.buttons)

        self.retranslateUi(EpisodeDialog)

        QMetaObject.connectSlotsByName(EpisodeDialog)
    # setupUi

    def retranslateUi(self, EpisodeDialog):
        EpisodeDialog.setWindowTitle(QCoreApplication.translate("EpisodeDialog", u"Episode of care", None))
        self.intro.setText(QCoreApplication.translate("EpisodeDialog", u"An episode groups the visits that treat one condition. New visits join the open episode and are numbered within it.", None))
        self.condition_label.setText(QCoreApplication.translate("EpisodeDialog", u"&Condition", None))
        self.condition.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"e.g. low back pain with R leg pain", None))
#if QT_CONFIG(tooltip)
        self.condition.setToolTip(QCoreApplication.translate("EpisodeDialog", u"The condition this course of visits treats.", None))
#endif // QT_CONFIG(tooltip)
        self.started_on_label.setText(QCoreApplication.translate("EpisodeDialog", u"&Started on", None))
        self.started_on.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"YYYY-MM-DD", None))
#if QT_CONFIG(tooltip)
        self.started_on.setToolTip(QCoreApplication.translate("EpisodeDialog", u"The day the episode started (usually the first assessment), written YYYY-MM-DD.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.started_on_hint.setToolTip(QCoreApplication.translate("EpisodeDialog", u"How long ago, from the date typed.", None))
#endif // QT_CONFIG(tooltip)
        self.referral_source_label.setText(QCoreApplication.translate("EpisodeDialog", u"&Referred by", None))
        self.referral_source.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"e.g. Dr Lee, family physician; self-referred", None))
#if QT_CONFIG(tooltip)
        self.referral_source.setToolTip(QCoreApplication.translate("EpisodeDialog", u"Who referred the patient (optional).", None))
#endif // QT_CONFIG(tooltip)
        self.referral_date_label.setText(QCoreApplication.translate("EpisodeDialog", u"Referral &date", None))
        self.referral_date.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"YYYY-MM-DD (optional)", None))
#if QT_CONFIG(tooltip)
        self.referral_date.setToolTip(QCoreApplication.translate("EpisodeDialog", u"The date on the referral, written YYYY-MM-DD; leave blank if none.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.referral_date_hint.setToolTip(QCoreApplication.translate("EpisodeDialog", u"How long ago, from the date typed.", None))
#endif // QT_CONFIG(tooltip)
        self.goals_label.setText(QCoreApplication.translate("EpisodeDialog", u"&Goals", None))
        self.goals.setPlaceholderText(QCoreApplication.translate("EpisodeDialog", u"The patient's goals, e.g. sit through a work day; walk 30 minutes", None))
#if QT_CONFIG(tooltip)
        self.goals.setToolTip(QCoreApplication.translate("EpisodeDialog", u"What the patient wants to be able to do again.", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

