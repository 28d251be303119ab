# Generated from ui/passphrase_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'passphrase_dialog.ui'
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
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_PassphraseDialog(object):
    def setupUi(self, PassphraseDialog):
        if not PassphraseDialog.objectName():
            PassphraseDialog.setObjectName(u"PassphraseDialog")
        PassphraseDialog.resize(440, 200)
        self.outer_layout = QVBoxLayout(PassphraseDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.intro = QLabel(PassphraseDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer_layout.addWidget(self.intro)

        self.fields_layout = QFormLayout()
        self.fields_layout.setObjectName(u"fields_layout")
        self.passphrase_label = QLabel(PassphraseDialog)
        self.passphrase_label.setObjectName(u"passphrase_label")

        self.fields_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.passphrase_label)

        self.passphrase = QLineEdit(PassphraseDialog)
        self.passphrase.setObjectName(u"passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.fields_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passphrase)


        self.outer_layout.addLayout(self.fields_layout)

        self.message = QLabel(PassphraseDialog)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        self.outer_layout.addWidget(self.message)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer_layout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(PassphraseDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.outer_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.passphrase_label.setBuddy(self.passphrase)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.passphrase, self.buttons)

        self.retranslateUi(PassphraseDialog)

        QMetaObject.connectSlotsByName(PassphraseDialog)
    # setupUi

    def retranslateUi(self, PassphraseDialog):
        PassphraseDialog.setWindowTitle(QCoreApplication.translate("PassphraseDialog", u"Open the encrypted clinic database", None))
        self.intro.setText(QCoreApplication.translate("PassphraseDialog", u"The clinic database is encrypted. Enter the clinic passphrase to open it.", None))
        self.passphrase_label.setText(QCoreApplication.translate("PassphraseDialog", u"Clinic &passphrase", None))
#if QT_CONFIG(tooltip)
        self.passphrase.setToolTip(QCoreApplication.translate("PassphraseDialog", u"The passphrase chosen when the clinic database was encrypted (not your own sign-in password)", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

