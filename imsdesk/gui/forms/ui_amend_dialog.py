# Generated from ui/amend_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'amend_dialog.ui'
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
    QGridLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_AmendDialog(object):
    def setupUi(self, AmendDialog):
        if not AmendDialog.objectName():
            AmendDialog.setObjectName(u"AmendDialog")
        AmendDialog.resize(520, 360)
        self.outer_layout = QVBoxLayout(AmendDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.intro = QLabel(AmendDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer_layout.addWidget(self.intro)

        self.fields_layout = QGridLayout()
        self.fields_layout.setObjectName(u"fields_layout")
        self.fields_layout.setHorizontalSpacing(12)
        self.fields_layout.setVerticalSpacing(2)
        self.reason_label = QLabel(AmendDialog)
        self.reason_label.setObjectName(u"reason_label")

        self.fields_layout.addWidget(self.reason_label, 0, 0, 1, 1)

        self.reason = QLineEdit(AmendDialog)
        self.reason.setObjectName(u"reason")

        self.fields_layout.addWidget(self.reason, 0, 1, 1, 1)

        self.reason_error = QLabel(AmendDialog)
        self.reason_error.setObjectName(u"reason_error")
        self.reason_error.setWordWrap(True)
        self.reason_error.setVisible(False)

        self.fields_layout.addWidget(self.reason_error, 1, 1, 1, 1)

        self.text_label = QLabel(AmendDialog)
        self.text_label.setObjectName(u"text_label")

        self.fields_layout.addWidget(self.text_label, 2, 0, 1, 1)

        self.text = QPlainTextEdit(AmendDialog)
        self.text.setObjectName(u"text")
        self.text.setTabChangesFocus(True)

        self.fields_layout.addWidget(self.text, 2, 1, 1, 1)

        self.text_error = QLabel(AmendDialog)
        self.text_error.setObjectName(u"text_error")
        self.text_error.setWordWrap(True)
        self.text_error.setVisible(False)

        self.fields_layout.addWidget(self.text_error, 3, 1, 1, 1)


        self.outer_layout.addLayout(self.fields_layout)

        self.buttons = QDialogButtonBox(AmendDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.outer_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.reason_label.setBuddy(self.reason)
        self.text_label.setBuddy(self.text)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.reason, self.text)
        QWidget.setTabOrder(self.text, self.buttons)

        self.retranslateUi(AmendDialog)

        QMetaObject.connectSlotsByName(AmendDialog)
    # setupUi

    def retranslateUi(self, AmendDialog):
        AmendDialog.setWindowTitle(QCoreApplication.translate("AmendDialog", u"Amend signed visit", None))
        self.intro.setText(QCoreApplication.translate("AmendDialog", u"A signed visit is never changed. An amendment is added under it with your name, the time and the reason.", None))
        self.reason_label.setText(QCoreApplication.translate("AmendDialog", u"&Reason", None))
        self.reason.setPlaceholderText(QCoreApplication.translate("AmendDialog", u"e.g. wrong side noted; late entry; result received", None))
#if QT_CONFIG(tooltip)
        self.reason.setToolTip(QCoreApplication.translate("AmendDialog", u"Why the signed record needs an amendment.", None))
#endif // QT_CONFIG(tooltip)
        self.text_label.setText(QCoreApplication.translate("AmendDialog", u"&Amendment", None))
#if QT_CONFIG(tooltip)
        self.text.setToolTip(QCoreApplication.translate("AmendDialog", u"The correction or addition, as it should be read with the original.", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

