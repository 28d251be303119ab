# Generated from ui/outcome_measure_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'outcome_measure_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGroupBox, QHBoxLayout, QLabel,
    QScrollArea, QSizePolicy, QStackedWidget, QVBoxLayout,
    QWidget)

class Ui_OutcomeMeasureDialog(object):
    def setupUi(self, OutcomeMeasureDialog):
        if not OutcomeMeasureDialog.objectName():
            OutcomeMeasureDialog.setObjectName(u"OutcomeMeasureDialog")
        OutcomeMeasureDialog.resize(600, 580)
        self.outer_layout = QVBoxLayout(OutcomeMeasureDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.instrument_row = QHBoxLayout()
        self.instrument_row.setSpacing(12)
        self.instrument_row.setObjectName(u"instrument_row")
        self.instrument_label = QLabel(OutcomeMeasureDialog)
        self.instrument_label.setObjectName(u"instrument_label")

        self.instrument_row.addWidget(self.instrument_label)

        self.instrument = QComboBox(OutcomeMeasureDialog)
        self.instrument.setObjectName(u"instrument")

        self.instrument_row.addWidget(self.instrument)

        self.instrument_row.setStretch(1, 1)

        self.outer_layout.addLayout(self.instrument_row)

        self.about = QLabel(OutcomeMeasureDialog)
        self.about.setObjectName(u"about")
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.outer_layout.addWidget(self.about)

        self.items = QScrollArea(OutcomeMeasureDialog)
        self.items.setObjectName(u"items")
        self.items.setWidgetResizable(True)
        self.items.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.forms = QStackedWidget()
        self.forms.setObjectName(u"forms")
        self.no_form = QWidget()
        self.no_form.setObjectName(u"no_form")
        self.no_form_layout = QVBoxLayout(self.no_form)
        self.no_form_layout.setObjectName(u"no_form_layout")
        self.no_form_text = QLabel(self.no_form)
        self.no_form_text.setObjectName(u"no_form_text")
        self.no_form_text.setWordWrap(True)
        self.no_form_text.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.no_form_layout.addWidget(self.no_form_text)

        self.forms.addWidget(self.no_form)
        self.items.setWidget(self.forms)

        self.outer_layout.addWidget(self.items)

        self.score_box = QGroupBox(OutcomeMeasureDialog)
        self.score_box.setObjectName(u"score_box")
        self.score_layout = QVBoxLayout(self.score_box)
        self.score_layout.setSpacing(2)
        self.score_layout.setObjectName(u"score_layout")
        self.score = QLabel(self.score_box)
        self.score.setObjectName(u"score")
        self.score.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.score_layout.addWidget(self.score)

        self.score_detail = QLabel(self.score_box)
        self.score_detail.setObjectName(u"score_detail")
        self.score_detail.setWordWrap(True)
        self.score_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.score_layout.addWidget(self.score_detail)


        self.outer_layout.addWidget(self.score_box)

        self.save_error = QLabel(OutcomeMeasureDialog)
        self.save_error.setObjectName(u"save_error")
        self.save_error.setWordWrap(True)
        self.save_error.setVisible(False)

        self.outer_layout.addWidget(self.save_error)

        self.buttons = QDialogButtonBox(OutcomeMeasureDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.outer_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.instrument_label.setBuddy(self.instrument)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.instrument, self.buttons)

        self.retranslateUi(OutcomeMeasureDialog)

        QMetaObject.connectSlotsByName(OutcomeMeasureDialog)
    # setupUi

    def retranslateUi(self, OutcomeMeasureDialog):
        OutcomeMeasureDialog.setWindowTitle(QCoreApplication.translate("OutcomeMeasureDialog", u"Outcome measure", None))
        self.instrument_label.setText(QCoreApplication.translate("OutcomeMeasureDialog", u"&Measure", None))
#if QT_CONFIG(tooltip)
        self.instrument.setToolTip(QCoreApplication.translate("OutcomeMeasureDialog", u"The questionnaire the patient filled in. Type its first letter to jump to it.", None))
#endif // QT_CONFIG(tooltip)
        self.instrument.setPlaceholderText(QCoreApplication.translate("OutcomeMeasureDialog", u"Choose the questionnaire", None))
        self.no_form_text.setText(QCoreApplication.translate("OutcomeMeasureDialog", u"Choose the questionnaire above, then copy the patient's answers from the paper form: one box per item, blank where the patient gave no answer.", None))
        self.score_box.setTitle(QCoreApplication.translate("OutcomeMeasureDialog", u"Score", None))
    # retranslateUi

