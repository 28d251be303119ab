# Generated from ui/adverse_event_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'adverse_event_dialog.ui'
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
    QDialogButtonBox, QFrame, QGridLayout, QHBoxLayout,
    QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_AdverseEventDialog(object):
    def setupUi(self, AdverseEventDialog):
        if not AdverseEventDialog.objectName():
            AdverseEventDialog.setObjectName(u"AdverseEventDialog")
        AdverseEventDialog.resize(560, 460)
        self.outer_layout = QVBoxLayout(AdverseEventDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.intro = QLabel(AdverseEventDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer_layout.addWidget(self.intro)

        self.fields_layout = QGridLayout()
        self.fields_layout.setObjectName(u"fields_layout")
        self.fields_layout.setHorizontalSpacing(12)
        self.fields_layout.setVerticalSpacing(2)
        self.kind_label = QLabel(AdverseEventDialog)
        self.kind_label.setObjectName(u"kind_label")

        self.fields_layout.addWidget(self.kind_label, 0, 0, 1, 1)

        self.kind = QComboBox(AdverseEventDialog)
        self.kind.setObjectName(u"kind")

        self.fields_layout.addWidget(self.kind, 0, 1, 1, 1)

        self.kind_error = QLabel(AdverseEventDialog)
        self.kind_error.setObjectName(u"kind_error")
        self.kind_error.setWordWrap(True)
        self.kind_error.setVisible(False)

        self.fields_layout.addWidget(self.kind_error, 1, 1, 1, 1)

        self.guidance = QFrame(AdverseEventDialog)
        self.guidance.setObjectName(u"guidance")
        self.guidance.setVisible(False)
        self.guidance.setFrameShape(QFrame.Shape.StyledPanel)
        self.guidance.setFrameShadow(QFrame.Shadow.Plain)
        self.guidance_layout = QHBoxLayout(self.guidance)
        self.guidance_layout.setObjectName(u"guidance_layout")
        self.guidance_icon = QLabel(self.guidance)
        self.guidance_icon.setObjectName(u"guidance_icon")
        self.guidance_icon.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.guidance_layout.addWidget(self.guidance_icon)

        self.guidance_text = QLabel(self.guidance)
        self.guidance_text.setObjectName(u"guidance_text")
        self.guidance_text.setWordWrap(True)
        self.guidance_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.guidance_text.sizePolicy().hasHeightForWidth())
        self.guidance_text.setSizePolicy(sizePolicy)

        self.guidance_layout.addWidget(self.guidance_text)


        self.fields_layout.addWidget(self.guidance, 2, 1, 1, 1)

        self.description_label = QLabel(AdverseEventDialog)
        self.description_label.setObjectName(u"description_label")
        self.description_label.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.fields_layout.addWidget(self.description_label, 3, 0, 1, 1)

        self.description = QPlainTextEdit(AdverseEventDialog)
        self.description.setObjectName(u"description")
        self.description.setTabChangesFocus(True)

        self.fields_layout.addWidget(self.description, 3, 1, 1, 1)

        self.description_error = QLabel(AdverseEventDialog)
        self.description_error.setObjectName(u"description_error")
        self.description_error.setWordWrap(True)
        self.description_error.setVisible(False)

        self.fields_layout.addWidget(self.description_error, 4, 1, 1, 1)

        self.action_taken_label = QLabel(AdverseEventDialog)
        self.action_taken_label.setObjectName(u"action_taken_label")
        self.action_taken_label.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.fields_layout.addWidget(self.action_taken_label, 5, 0, 1, 1)

        self.action_taken = QPlainTextEdit(AdverseEventDialog)
        self.action_taken.setObjectName(u"action_taken")
        self.action_taken.setTabChangesFocus(True)

        self.fields_layout.addWidget(self.action_taken, 5, 1, 1, 1)

        self.action_taken_error = QLabel(AdverseEventDialog)
        self.action_taken_error.setObjectName(u"action_taken_error")
        self.action_taken_error.setWordWrap(True)
        self.action_taken_error.setVisible(False)

        self.fields_layout.addWidget(self.action_taken_error, 6, 1, 1, 1)


        self.outer_layout.addLayout(self.fields_layout)

        self.buttons = QDialogButtonBox(AdverseEventDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.outer_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.kind_label.setBuddy(self.kind)
        self.description_label.setBuddy(self.description)
        self.action_taken_label.setBuddy(self.action_taken)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.kind, self.description)
        QWidget.setTabOrder(self.description, self.action_taken)
        QWidget.setTabOrder(self.action_taken, self.buttons)

        self.retranslateUi(AdverseEventDialog)

        QMetaObject.connectSlotsByName(AdverseEventDialog)
    # setupUi

    def retranslateUi(self, AdverseEventDialog):
        AdverseEventDialog.setWindowTitle(QCoreApplication.translate("AdverseEventDialog", u"Record an adverse event", None))
        self.intro.setText(QCoreApplication.translate("AdverseEventDialog", u"The event is kept under this visit with your name and the time, and cannot be changed afterwards. A late event (e.g. a phone call two days later) may be added after signing.", None))
        self.kind_label.setText(QCoreApplication.translate("AdverseEventDialog", u"&What happened", None))
#if QT_CONFIG(tooltip)
        self.kind.setToolTip(QCoreApplication.translate("AdverseEventDialog", u"The kind of event; choose Other and describe it if none fits.", None))
#endif // QT_CONFIG(tooltip)
        self.kind.setPlaceholderText(QCoreApplication.translate("AdverseEventDialog", u"Choose the kind of event", None))
        self.description_label.setText(QCoreApplication.translate("AdverseEventDialog", u"&Description", None))
        self.description.setPlaceholderText(QCoreApplication.translate("AdverseEventDialog", u"When, at which needle site, what the patient felt and what you saw", None))
#if QT_CONFIG(tooltip)
        self.description.setToolTip(QCoreApplication.translate("AdverseEventDialog", u"What happened, as it should be read later.", None))
#endif // QT_CONFIG(tooltip)
        self.action_taken_label.setText(QCoreApplication.translate("AdverseEventDialog", u"&Action taken", None))
        self.action_taken.setPlaceholderText(QCoreApplication.translate("AdverseEventDialog", u"e.g. needles removed, lying down, water; observed until settled", None))
#if QT_CONFIG(tooltip)
        self.action_taken.setToolTip(QCoreApplication.translate("AdverseEventDialog", u"What you did, and any advice or referral given.", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

